import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, list, resourceId } from "@/lib/portal-api/schemas";
import { readinessReportDto, readinessRunDto } from "./readiness-dto";

const runParams = appParams.extend({ runId: resourceId.describe("The run's id (`rdy_…`)") });

export const startReadinessRunOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/readiness-runs",
  operationId: "startReadinessRun",
  tag: "Readiness",
  summary: "Start a readiness run",
  description:
    "Grades the app's own integration from its traffic: webhooks with a forged signature, a duplicate and out-of-order events go to the app's enabled endpoints; " +
    "the app's payment POSTs get an injected 503 and a timeout, a GET gets a 429 with Retry-After. Faults touch only this app and stop when the run ends, " +
    "is cancelled or expires (10 minutes). Follow `checks[].instruction` while it runs. One run at a time per app (409 `conflict`).",
  access: { app: "key:use" },
  params: appParams,
  errors: ["conflict"],
  success: { status: 201, description: "The run, started.", schema: readinessRunDto },
});

export const listReadinessRunsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/readiness-runs",
  operationId: "listReadinessRuns",
  tag: "Readiness",
  summary: "List an app's readiness runs",
  description: "The last 50, newest first; `status=running` finds the one in progress.",
  access: { app: "app:read" },
  params: appParams,
  query: z.object({ status: z.enum(["running", "passed", "failed", "cancelled", "expired"]).optional() }),
  success: { status: 200, description: "The runs.", schema: list(readinessRunDto, 50) },
});

export const getReadinessRunOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/readiness-runs/{runId}",
  operationId: "getReadinessRun",
  tag: "Readiness",
  summary: "Get a readiness run",
  description: "Its checks with their grades, evidence and, for the running one, the live instruction. Poll it while the run is `running`.",
  access: { app: "app:read" },
  params: runParams,
  success: { status: 200, description: "The run.", schema: readinessRunDto },
});

export const getReadinessReportOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/readiness-runs/{runId}/report.json",
  operationId: "getReadinessReport",
  tag: "Readiness",
  summary: "Download a readiness run's report",
  description:
    "The run with the traffic it saw: the app's gateway calls during the run (injected faults marked) and the deliveries it sent.",
  access: { app: "app:read" },
  params: runParams,
  success: { status: 200, description: "The report.", schema: readinessReportDto },
});

export const cancelReadinessRunOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/readiness-runs/{runId}/cancel",
  operationId: "cancelReadinessRun",
  tag: "Readiness",
  summary: "Cancel a readiness run",
  description: "Its faults stop at once; unfinished checks are skipped. A run that has ended is a 409 `conflict`.",
  access: { app: "key:use" },
  params: runParams,
  errors: ["conflict"],
  success: { status: 200, description: "The cancelled run.", schema: readinessRunDto },
});

export const readinessOperations = [
  startReadinessRunOperation,
  listReadinessRunsOperation,
  getReadinessRunOperation,
  getReadinessReportOperation,
  cancelReadinessRunOperation,
];
