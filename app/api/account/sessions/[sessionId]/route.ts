import { handle } from "@/lib/portal-api/handle-operation";
import { signOutSession } from "@/lib/sessions/manage-sessions";
import { revokeSessionOperation } from "@/lib/sessions/session-operations";

export const DELETE = handle(revokeSessionOperation, async ({ actor, params }) => {
  await signOutSession({ actor, sessionId: params.sessionId });
});
