import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { list, resourceId } from "@/lib/portal-api/schemas";
import { passkeyDto } from "./passkey-dto";
import { challengeIdSchema, creationOptionsJson, credentialResponseJson, requestOptionsJson } from "./webauthn-schemas";

const passkeyParams = z.object({ passkeyId: resourceId.describe("The passkey's id (`pk_…`)") });
const passkeyName = z
  .string({ error: "Name the passkey" })
  .trim()
  .min(1, "Name the passkey, e.g. the device or the password manager that keeps it")
  .max(60, "Use at most 60 characters");

export const listPasskeysOperation = defineOperation({
  method: "GET",
  path: "/api/account/passkeys",
  operationId: "listPasskeys",
  tag: "Account",
  summary: "List your passkeys",
  description: "Each passkey with its name, when it was added and last used, and whether it is synced between devices.",
  access: "session",
  success: { status: 200, description: "Your passkeys, oldest first.", schema: list(passkeyDto, 100) },
});

export const passkeyRegistrationOptionsOperation = defineOperation({
  method: "POST",
  path: "/api/account/passkeys/registration-options",
  operationId: "passkeyRegistrationOptions",
  tag: "Account",
  summary: "Start adding a passkey",
  description:
    "Options for `navigator.credentials.create()` (a discoverable credential for this site, so it also signs in without a password), " +
    "and the `challenge_id` to send back with the browser's answer within 5 minutes.",
  access: "session",
  stepUp: true,
  errors: ["conflict"],
  success: {
    status: 200,
    description: "The creation options.",
    schema: z.object({ challenge_id: challengeIdSchema, options: creationOptionsJson }),
  },
});

export const registerPasskeyOperation = defineOperation({
  method: "POST",
  path: "/api/account/passkeys",
  operationId: "registerPasskey",
  tag: "Account",
  summary: "Add a passkey",
  description:
    "Send the browser's `RegistrationResponseJSON` for the options' challenge. The passkey then signs in, alone or after the password.",
  access: "session",
  stepUp: true,
  body: z.object({ challenge_id: challengeIdSchema, response: credentialResponseJson, name: passkeyName }),
  errors: ["passkey_challenge_invalid", "passkey_not_verified", "conflict"],
  success: { status: 201, description: "Added.", schema: passkeyDto },
});

export const renamePasskeyOperation = defineOperation({
  method: "PATCH",
  path: "/api/account/passkeys/{passkeyId}",
  operationId: "renamePasskey",
  tag: "Account",
  summary: "Rename a passkey",
  description: "The name is yours, to tell your passkeys apart (the device, or the password manager that keeps it).",
  access: "session",
  params: passkeyParams,
  body: z.object({ name: passkeyName }),
  errors: ["resource_not_found"],
  success: { status: 200, description: "Renamed.", schema: passkeyDto },
});

export const deletePasskeyOperation = defineOperation({
  method: "DELETE",
  path: "/api/account/passkeys/{passkeyId}",
  operationId: "deletePasskey",
  tag: "Account",
  summary: "Remove a passkey",
  description:
    "It stops signing in at once (delete it from the device or password manager too). Without an authenticator app or another " +
    "passkey, the recovery codes are deleted as well.",
  access: "session",
  stepUp: true,
  params: passkeyParams,
  errors: ["resource_not_found"],
  success: { status: 204, description: "Removed." },
});

export const passkeyChallengeOperation = defineOperation({
  method: "POST",
  path: "/api/account/passkeys/challenge",
  operationId: "passkeyChallenge",
  tag: "Account",
  summary: "Ask the browser for a passkey",
  description:
    "Options for `navigator.credentials.get()`. `sign_in` needs no session and names no account (the browser offers the passkeys it " +
    "has for this site); send the answer to the sign-in. `step_up` needs a session, lists your passkeys, and its answer goes to " +
    "`POST /api/account/step-up`. Each `challenge_id` works once, within 5 minutes.",
  access: "public",
  body: z.object({ purpose: z.enum(["sign_in", "step_up"]).describe("What the passkey will prove.") }),
  errors: ["unauthenticated", "resource_not_found"],
  success: {
    status: 200,
    description: "The request options.",
    schema: z.object({ challenge_id: challengeIdSchema, options: requestOptionsJson }),
  },
});

export const passkeyOperations = [
  listPasskeysOperation,
  passkeyRegistrationOptionsOperation,
  registerPasskeyOperation,
  renamePasskeyOperation,
  deletePasskeyOperation,
  passkeyChallengeOperation,
];
