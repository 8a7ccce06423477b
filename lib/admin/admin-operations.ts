import { z } from "zod";
import { goLiveRequestDto } from "@/lib/go-live/go-live-dto";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, resourceId } from "@/lib/portal-api/schemas";
import { goLiveDecisionInput, suspendInput } from "./admin-input";
import { appSuspensionDto } from "./set-app-suspension";

// Platform admins only: the app in the path is any team's app, not one the caller is a member of.

export const suspendAppOperation = defineOperation({
  method: "POST",
  path: "/api/admin/apps/{appId}/suspend",
  operationId: "suspendApp",
  tag: "Admin",
  summary: "Suspend an app",
  description: "Platform admins only. The app's keys stop working on the next call (403 `app_suspended`); the team sees the reason.",
  access: "platform-admin",
  params: appParams,
  body: suspendInput,
  errors: ["resource_not_found"],
  success: { status: 200, description: "The app, suspended.", schema: appSuspensionDto },
});

export const reinstateAppOperation = defineOperation({
  method: "POST",
  path: "/api/admin/apps/{appId}/reinstate",
  operationId: "reinstateApp",
  tag: "Admin",
  summary: "Reinstate an app",
  description: "Platform admins only. The app's keys work again on the next call.",
  access: "platform-admin",
  params: appParams,
  errors: ["resource_not_found"],
  success: { status: 200, description: "The app, active again.", schema: appSuspensionDto },
});

export const decideGoLiveRequestOperation = defineOperation({
  method: "POST",
  path: "/api/admin/go-live/{requestId}/decision",
  operationId: "decideGoLiveRequest",
  tag: "Admin",
  summary: "Approve or reject a go-live request",
  description:
    "Platform admins only. A pending request is decided once; a rejection needs a note (at least 5 characters) the team will read.",
  access: "platform-admin",
  params: z.object({ requestId: resourceId.describe("The go-live request's id") }),
  body: goLiveDecisionInput,
  errors: ["resource_not_found", "conflict"],
  success: { status: 200, description: "The decided request.", schema: goLiveRequestDto },
});

export const adminOperations = [suspendAppOperation, reinstateAppOperation, decideGoLiveRequestOperation];
