import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";
import { emailSchema } from "@/lib/auth/schemas";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { count, text } from "@/lib/portal-api/schemas";
import { linkTokenSchema } from "./email-operations";

export const forgotPasswordOperation = defineOperation({
  method: "POST",
  path: "/api/account/password/forgot",
  operationId: "forgotPassword",
  tag: "Account",
  summary: "Email a password reset link",
  description:
    "If an account uses the address, it gets a link (single use, 1 hour) to choose a new password; an account made by single " +
    "sign-on gets one to set its first password. The answer is the same, and as fast, whether or not the address has an " +
    "account. Limited per address and per client (429 with `Retry-After`).",
  access: "public",
  body: z.object({ email: emailSchema }),
  errors: ["rate_limited"],
  success: {
    status: 202,
    description: "Accepted. Look in the inbox of the address (and its spam folder).",
    schema: z.object({ accepted: z.literal(true), expires_in_seconds: count.describe("How long the emailed link works.") }),
  },
});

export const resetPasswordOperation = defineOperation({
  method: "POST",
  path: "/api/account/password/reset",
  operationId: "resetPassword",
  tag: "Account",
  summary: "Choose a new password from a reset link",
  description:
    "The sign-up password policy applies. The link works once; every session of the account is signed out and other reset links " +
    "stop working. Sign in with the new password afterwards.",
  access: "public",
  body: z.object({ token: linkTokenSchema, password: passwordSchema }),
  errors: ["link_invalid", "link_used", "link_expired", "rate_limited"],
  success: {
    status: 200,
    description: "The password is changed and every session signed out.",
    schema: z.object({ email: text(254), sessions_revoked: count }),
  },
});

export const changePasswordOperation = defineOperation({
  method: "POST",
  path: "/api/account/password",
  operationId: "changePassword",
  tag: "Account",
  summary: "Change your password",
  description:
    "Needs the current password; the new one follows the sign-up policy. Every other session is signed out, and this one gets a " +
    "new id (a new cookie). Accounts made by single sign-on set a first password with `POST /api/account/password/forgot`.",
  access: "session",
  body: z.object({
    current_password: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024),
    new_password: passwordSchema,
  }),
  errors: ["password_incorrect", "no_password", "too_many_sign_in_attempts"],
  success: {
    status: 200,
    description: "Changed; the other sessions are signed out.",
    schema: z.object({ sessions_revoked: count }),
  },
});

export const passwordOperations = [forgotPasswordOperation, resetPasswordOperation, changePasswordOperation];
