import { handle } from "@/lib/portal-api/handle-operation";
import { listSessions } from "@/lib/sessions/manage-sessions";
import { listSessionsOperation } from "@/lib/sessions/session-operations";

export const GET = handle(listSessionsOperation, async ({ session }) => ({ data: await listSessions(session.user.id, session.id) }));
