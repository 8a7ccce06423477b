import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, page } from "@/lib/portal-api/schemas";
import { goLiveRequestDto } from "./go-live-dto";
import { goLiveInput } from "./go-live-input";

export const listGoLiveRequestsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/go-live",
  operationId: "listGoLiveRequests",
  tag: "Go-live",
  summary: "List the app's go-live requests",
  description: "Newest first (the first is the app's current status); the 20 newest, on one page.",
  access: { app: "app:read" },
  params: appParams,
  success: { status: 200, description: "The app's go-live requests.", schema: page(goLiveRequestDto, 20) },
});

export const submitGoLiveRequestOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/go-live",
  operationId: "submitGoLiveRequest",
  tag: "Go-live",
  summary: "Request production access",
  description:
    "Submits the go-live checklist for review, with the sandbox evidence computed now from the app's traffic. One open request per app; an approved or suspended app cannot apply. Needs a verified email address.",
  access: { app: "app:update" },
  verifiedEmail: true,
  params: appParams,
  body: goLiveInput,
  errors: ["go_live_evidence_missing", "conflict"],
  success: { status: 201, description: "The request, pending review.", schema: goLiveRequestDto },
});

export const goLiveOperations = [listGoLiveRequestsOperation, submitGoLiveRequestOperation];
