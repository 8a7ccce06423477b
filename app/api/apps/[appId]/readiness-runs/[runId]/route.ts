import { handle } from "@/lib/portal-api/handle-operation";
import { getReadinessRun } from "@/lib/readiness/get-readiness-run";
import { getReadinessRunOperation } from "@/lib/readiness/readiness-operations";

export const GET = handle(getReadinessRunOperation, ({ app, params }) => getReadinessRun({ appId: app.appId, runId: params.runId }));
