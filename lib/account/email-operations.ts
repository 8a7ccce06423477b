import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { text, timestamp } from "@/lib/portal-api/schemas";

export const linkTokenSchema = z
  .string({ error: "Send the token from the link" })
  .min(1, "Send the token from the link")
  .max(200)
  .describe("The last part of the link in the email (`/verify-email/{token}`, `/reset-password/{token}`).");

export const resendVerificationOperation = defineOperation({
  method: "POST",
  path: "/api/account/email/verification",
  operationId: "resendEmailVerification",
  tag: "Account",
  summary: "Send a new verification link",
  description:
    "Emails a new link (single use, 24 hours) to your address. Inviting members and requesting production access need a verified " +
    "address. At most one a minute (429 with `Retry-After` otherwise).",
  access: "session",
  errors: ["conflict", "rate_limited"],
  success: {
    status: 202,
    description: "The link is on its way.",
    schema: z.object({
      email: text(254),
      /** False when the mail server did not take the message: ask again in a minute. */
      sent: z.boolean(),
      expires_at: timestamp,
    }),
  },
});

export const confirmEmailOperation = defineOperation({
  method: "POST",
  path: "/api/account/email/verify",
  operationId: "confirmEmail",
  tag: "Account",
  summary: "Confirm an email address from its link",
  description:
    "Uses a link from a verification email (the address becomes verified) or from an address-change email (the account moves to " +
    "the new address, and the old one is told). No session needed: the link is the proof. Each link works once.",
  access: "public",
  body: z.object({ token: linkTokenSchema }),
  errors: ["link_invalid", "link_used", "link_expired", "email_taken"],
  success: {
    status: 200,
    description: "The address is verified (and is now the account's, for a change).",
    schema: z.object({ email: text(254), email_verified: z.literal(true), changed: z.boolean() }),
  },
});

export const changeEmailOperation = defineOperation({
  method: "POST",
  path: "/api/account/email",
  operationId: "changeEmail",
  tag: "Account",
  summary: "Change your email address",
  description:
    "Emails a link (single use, 24 hours) to the new address; the account moves to it only when that link is opened, and your " +
    "current address is told now and when it happens. A newer request replaces an older one. Needs a recent proof of identity. " +
    "An address that already has an account gets the same answer (its holder is told instead of sent a link), so the answer says " +
    "nothing about who has an account.",
  access: "session",
  stepUp: true,
  body: z.object({ email: emailSchema }),
  errors: ["rate_limited"],
  success: {
    status: 202,
    description: "The link is on its way to the new address; nothing has changed yet.",
    schema: z.object({ pending_email: text(254), expires_at: timestamp, sent: z.boolean() }),
  },
});

export const emailOperations = [resendVerificationOperation, confirmEmailOperation, changeEmailOperation];
