import { defineOperation } from "@/lib/portal-api/define-operation";
import { z } from "zod";
import { appParams, resourceId } from "@/lib/portal-api/schemas";
import {
  advanceClockInput,
  clockAdvanceDto,
  resetSandboxInput,
  sandboxClockDto,
  sandboxCustomerDto,
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

export const createSandboxCustomerOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/customers",
  operationId: "createSandboxCustomer",
  tag: "Sandbox",
  summary: "Define a custom test customer",
  description:
    "Builds a test customer at the bank from a `CustomCustomerDocument` (identity, KYC outcome, credit profile, accounts and their history; its schema is in the sandbox API reference). The bank checks it: each problem points at the document's field (`/body/accounts/0/opening_balance`). The customer logs in on the bank's pages as `user_<handle>` and survives resets. From code: `POST /v1/sandbox/customers`.",
  access: { app: "key:use" },
  params: appParams,
  body: z.looseObject({}).describe("A CustomCustomerDocument, as `POST /v1/sandbox/customers` takes it."),
  errors: ["bank_unavailable", "conflict"],
  success: { status: 201, description: "The new customer with its accounts and balances.", schema: sandboxCustomerDto },
});

export const deleteSandboxCustomerOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}/sandbox/customers/{customerId}",
  operationId: "deleteSandboxCustomer",
  tag: "Sandbox",
  summary: "Remove a custom test customer",
  description:
    "Removes a custom customer, its accounts and history, from the sandbox and from what a reset rebuilds. A persona cannot be removed (409). From code: `DELETE /v1/sandbox/customers/{customer_id}`.",
  access: { app: "key:use" },
  params: appParams.extend({ customerId: resourceId.describe("The customer's id (`cus_…`)") }),
  errors: ["bank_unavailable", "conflict"],
  success: { status: 204, description: "The customer is gone." },
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
  createSandboxCustomerOperation,
  deleteSandboxCustomerOperation,
  getSandboxClockOperation,
  advanceSandboxClockOperation,
  resetSandboxOperation,
];
