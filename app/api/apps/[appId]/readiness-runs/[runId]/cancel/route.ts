import { handle } from "@/lib/portal-api/handle-operation";
import { cancelReadinessRun } from "@/lib/readiness/cancel-readiness-run";
import { cancelReadinessRunOperation } from "@/lib/readiness/readiness-operations";

export const POST = handle(cancelReadinessRunOperation, ({ app, params }) => cancelReadinessRun({ appId: app.appId, runId: params.runId }));
