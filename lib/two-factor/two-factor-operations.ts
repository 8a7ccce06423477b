import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { text } from "@/lib/portal-api/schemas";
import { RECOVERY_CODE_COUNT } from "./recovery-codes";

const recoveryCodes = z.object({
  recovery_codes: z
    .array(text(11))
    .max(RECOVERY_CODE_COUNT)
    .describe("10 single-use codes (`xxxxx-xxxxx`), shown this once: each signs in or confirms a step-up once, in place of the app."),
});

export const startTotpEnrolmentOperation = defineOperation({
  method: "POST",
  path: "/api/account/two-factor/totp",
  operationId: "startTotpEnrolment",
  tag: "Account",
  summary: "Start adding an authenticator app",
  description:
    "A new TOTP key (RFC 6238: SHA-1, 6 digits, 30 s), as an `otpauth://` URI, its QR code and the base32 key to type in. It stays " +
    "pending until a code from the app confirms it (`POST /api/account/two-factor/totp/confirm`); starting again replaces a pending key.",
  access: "session",
  stepUp: true,
  errors: ["two_factor_already_enabled"],
  success: {
    status: 200,
    description: "The key, shown this once.",
    schema: z.object({
      secret: text(64).describe("The key in base32, for typing into the app."),
      otpauth_uri: text(600).describe("`otpauth://totp/…`: what the QR code holds."),
      qr_code: text(40_000).describe("The QR code as an SVG data URL (`data:image/svg+xml;base64,…`)."),
    }),
  },
});

export const confirmTotpEnrolmentOperation = defineOperation({
  method: "POST",
  path: "/api/account/two-factor/totp/confirm",
  operationId: "confirmTotpEnrolment",
  tag: "Account",
  summary: "Turn on the authenticator app",
  description:
    "Send a code the app shows (one step of 30 s either side is accepted). Sign-in then asks for a code after the password. " +
    "Answers 10 recovery codes, shown this once; any earlier ones stop working.",
  access: "session",
  body: z.object({
    code: z.string().min(6, "Enter the 6-digit code from the app").max(16).describe("The 6-digit code the app shows now."),
  }),
  errors: ["two_factor_already_enabled", "two_factor_not_pending"],
  success: { status: 200, description: "On. Store the recovery codes now.", schema: recoveryCodes },
});

export const disableTotpOperation = defineOperation({
  method: "DELETE",
  path: "/api/account/two-factor/totp",
  operationId: "disableTotp",
  tag: "Account",
  summary: "Remove the authenticator app",
  description: "Its key is deleted. Without a passkey left, the recovery codes are deleted too and sign-in needs only the password.",
  access: "session",
  stepUp: true,
  errors: ["two_factor_not_enabled"],
  success: { status: 204, description: "Removed." },
});

export const regenerateRecoveryCodesOperation = defineOperation({
  method: "POST",
  path: "/api/account/two-factor/recovery-codes",
  operationId: "regenerateRecoveryCodes",
  tag: "Account",
  summary: "Get new recovery codes",
  description: "10 new single-use codes; every earlier one stops working. Needs an authenticator app or a passkey.",
  access: "session",
  stepUp: true,
  errors: ["two_factor_not_enabled"],
  success: { status: 200, description: "The new codes, shown this once.", schema: recoveryCodes },
});

export const twoFactorOperations = [
  startTotpEnrolmentOperation,
  confirmTotpEnrolmentOperation,
  disableTotpOperation,
  regenerateRecoveryCodesOperation,
];
