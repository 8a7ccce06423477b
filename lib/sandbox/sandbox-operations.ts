import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams } from "@/lib/portal-api/schemas";
import {
  advanceClockInput,
  clockAdvanceDto,
  resetSandboxInput,
  sandboxClockDto,
  sandboxCustomerListDto,
  sandboxResetDto,
} from "./sandbox-dto";

// The Sandbox tab's calls: each is the bank's `/v1/sandbox/...` for the app, made by the portal
// with the app as tenant. Viewers read; developers and up act (`key:use`: calling the sandbox as the app).

export const listSandboxCustomersOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/sandbox/customers",
  operationId: "listSandboxCustomers",
  tag: "Sandbox",
  summary: "List the sandbox's test customers",
  description:
    "The app's test customers, seeded personas and custom customers, each with its accounts and balances on the sandbox's clock. From code: `GET /v1/sandbox/customers` with the app's key.",
  access: { app: "app:read" },
  params: appParams,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "Every test customer of the app's sandbox.", schema: sandboxCustomerListDto },
});

export const getSandboxClockOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/sandbox/clock",
  operationId: "getSandboxClock",
  tag: "Sandbox",
  summary: "Get the sandbox's clock",
  description:
    "The sandbox's current time, how far it runs ahead of real time, its rate and the live-activity setting. From code: `GET /v1/sandbox/clock`.",
  access: { app: "app:read" },
  params: appParams,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The sandbox's clock.", schema: sandboxClockDto },
});

export const advanceSandboxClockOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/clock/advance",
  operationId: "advanceSandboxClock",
  tag: "Sandbox",
  summary: "Advance the sandbox's clock",
  description:
    "Moves the app's sandbox clock forward by `days` (1–90); the bank books what became due on the way (pending card payments, interest, settlements, instalments). From code: `POST /v1/sandbox/clock/advance`.",
  access: { app: "key:use" },
  params: appParams,
  body: advanceClockInput,
  errors: ["bank_unavailable", "conflict"],
  success: { status: 200, description: "The clock moved.", schema: clockAdvanceDto },
});

export const resetSandboxOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/reset",
  operationId: "resetSandbox",
  tag: "Sandbox",
  summary: "Reset the sandbox",
  description:
    "Puts the app's sandbox back to its seed: payments, simulated transactions, consents and the advanced clock go; custom customers are rebuilt unless `keep_custom_customers` is false. Settings, snapshots and keys stay. From code: `POST /v1/sandbox/reset`.",
  access: { app: "key:use" },
  params: appParams,
  body: resetSandboxInput,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "What the reset restored.", schema: sandboxResetDto },
});

export const sandboxOperations = [
  listSandboxCustomersOperation,
  getSandboxClockOperation,
  advanceSandboxClockOperation,
  resetSandboxOperation,
];
