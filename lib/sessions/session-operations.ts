import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { count, list, resourceId, timestamp } from "@/lib/portal-api/schemas";
import { sessionDto } from "./session-dto";
import { identityProofSchema } from "./verify-identity";

export const listSessionsOperation = defineOperation({
  method: "GET",
  path: "/api/account/sessions",
  operationId: "listSessions",
  tag: "Account",
  summary: "List your signed-in sessions",
  description:
    "Every browser signed in to your account: device, approximate network, how it signed in, and when it was last seen. This one first.",
  access: "session",
  success: { status: 200, description: "Your active sessions.", schema: list(sessionDto) },
});

export const revokeSessionOperation = defineOperation({
  method: "DELETE",
  path: "/api/account/sessions/{sessionId}",
  operationId: "revokeSession",
  tag: "Account",
  summary: "Sign a session out",
  description: "The session stops working at its next request, on every portal instance.",
  access: "session",
  params: z.object({ sessionId: resourceId.describe("The session's id (`ses_…`)") }),
  success: { status: 204, description: "Signed out." },
});

export const revokeOtherSessionsOperation = defineOperation({
  method: "POST",
  path: "/api/account/sessions/revoke-others",
  operationId: "revokeOtherSessions",
  tag: "Account",
  summary: "Sign out every other session",
  description: "Every session of your account except the one making this request.",
  access: "session",
  success: { status: 200, description: "How many sessions were signed out.", schema: z.object({ revoked: count }) },
});

export const stepUpOperation = defineOperation({
  method: "POST",
  path: "/api/account/step-up",
  operationId: "stepUp",
  tag: "Account",
  summary: "Confirm it's you",
  description:
    "Keys, secrets, ownership and the email address need a proof of identity from the last 10 minutes. Send one: the password " +
    "(only without two-factor), an authenticator or recovery code, or a passkey assertion. The session is replaced (new id, new cookie).",
  access: "session",
  body: identityProofSchema,
  errors: ["step_up_failed", "too_many_sign_in_attempts"],
  success: {
    status: 200,
    description: "Confirmed: sensitive actions are allowed until `expires_at`.",
    schema: z.object({ verified_at: timestamp, expires_at: timestamp }),
  },
});

export const sessionOperations = [listSessionsOperation, revokeSessionOperation, revokeOtherSessionsOperation, stepUpOperation];
