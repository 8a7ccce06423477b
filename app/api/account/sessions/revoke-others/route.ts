import { handle } from "@/lib/portal-api/handle-operation";
import { signOutOtherSessions } from "@/lib/sessions/manage-sessions";
import { revokeOtherSessionsOperation } from "@/lib/sessions/session-operations";

export const POST = handle(revokeOtherSessionsOperation, async ({ actor, session }) => ({
  revoked: await signOutOtherSessions({ actor, keep: session.id }),
}));
