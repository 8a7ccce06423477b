import { z } from "zod";
import { keyDto } from "@/lib/keys/key-dto";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, list, text } from "@/lib/portal-api/schemas";
import { appDetailDto, appDto, appSummaryDto } from "./app-dto";
import { createAppInput } from "./app-input";

export const listAppsOperation = defineOperation({
  method: "GET",
  path: "/api/apps",
  operationId: "listApps",
  tag: "Apps",
  summary: "List your apps",
  description:
    "The apps of every team you belong to (or of one, with `team_id`), newest first, with their active keys and last 24 hours of calls.",
  tokens: true,
  access: "session",
  query: z.object({
    team_id: z.string().max(64).optional().describe("Only this team's apps (`team_…`); a team you are not in gives an empty list."),
  }),
  success: { status: 200, description: "Your apps.", schema: list(appSummaryDto, 1000) },
});

export const createAppOperation = defineOperation({
  method: "POST",
  path: "/api/apps",
  operationId: "createApp",
  stepUp: true,
  tag: "Apps",
  summary: "Register an app",
  description:
    "In `team_id` (your personal team by default), with its first sandbox key. The key's secret is in this response only: store it now.",
  access: "session",
  body: createAppInput,
  errors: ["resource_not_found", "forbidden", "two_factor_required"],
  success: {
    status: 201,
    description: "The app, its first key and that key's secret.",
    schema: z.object({
      app: appDto,
      key: keyDto,
      secret: text(200).describe("The key itself (`sk_sandbox_…`). Shown once: only its HMAC is stored."),
    }),
  },
});

export const getAppOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}",
  operationId: "getApp",
  tag: "Apps",
  summary: "Get an app",
  description: "With your role in its team.",
  access: { app: "app:read" },
  params: appParams,
  success: { status: 200, description: "The app.", schema: appDetailDto },
});

export const deleteAppOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}",
  operationId: "deleteApp",
  stepUp: true,
  tag: "Apps",
  summary: "Delete an app",
  description:
    "With its keys, OAuth client, webhook endpoints and request logs: its keys and consent tokens stop working at once. " +
    "Team owners and admins only. Cannot be undone.",
  /** Deleting an app ends every key, client and webhook of it: in the browser only. */
  tokens: false,
  access: { app: "app:delete" },
  params: appParams,
  success: { status: 204, description: "Deleted." },
});

export const appOperations = [listAppsOperation, createAppOperation, getAppOperation, deleteAppOperation];
