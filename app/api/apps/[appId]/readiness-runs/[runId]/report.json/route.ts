import { handle } from "@/lib/portal-api/handle-operation";
import { getReadinessReport } from "@/lib/readiness/get-readiness-run";
import { getReadinessReportOperation } from "@/lib/readiness/readiness-operations";

export const GET = handle(getReadinessReportOperation, ({ app, params }) => getReadinessReport({ appId: app.appId, runId: params.runId }));
