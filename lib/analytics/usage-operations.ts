import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams } from "@/lib/portal-api/schemas";
import { usageSummaryDto } from "./usage-dto";
import { usageQuery } from "./usage-summary";

export const getAppUsageOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/usage",
  operationId: "getAppUsage",
  tag: "Usage",
  summary: "Summarise the app's usage",
  description: "Requests over time, error rates and latency percentiles per endpoint, from the hourly rollups.",
  access: { app: "logs:read" },
  params: appParams,
  query: usageQuery,
  success: { status: 200, description: "The usage summary.", schema: usageSummaryDto },
});

export const usageOperations = [getAppUsageOperation];
