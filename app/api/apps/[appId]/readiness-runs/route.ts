import { handle } from "@/lib/portal-api/handle-operation";
import { listReadinessRuns } from "@/lib/readiness/list-readiness-runs";
import { listReadinessRunsOperation, startReadinessRunOperation } from "@/lib/readiness/readiness-operations";
import { startReadinessRun } from "@/lib/readiness/start-readiness-run";

export const GET = handle(listReadinessRunsOperation, ({ app, query }) => listReadinessRuns({ appId: app.appId, status: query.status }));

export const POST = handle(startReadinessRunOperation, ({ app, actor }) => startReadinessRun({ appId: app.appId, userId: actor.userId }));
