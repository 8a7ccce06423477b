import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { handle } from "@/lib/portal-api/handle-operation";
import { listAuditEventsOperation } from "@/lib/teams/team-operations";

export const GET = handle(listAuditEventsOperation, ({ team, query }) => listAuditEvents({ teamId: team.teamId, query }));
