import { defineOperation } from "@/lib/portal-api/define-operation";
import { z } from "zod";
import { appParams, resourceId } from "@/lib/portal-api/schemas";
import {
  advanceClockInput,
  clockAdvanceDto,
  createSnapshotInput,
  resetSandboxInput,
  restoreResultDto,
  sandboxExportDto,
  sandboxSettingsDto,
  snapshotDto,
  snapshotListDto,
  snapshotParams,
  updateSandboxSettingsInput,
  sandboxClockDto,
  sandboxCustomerDto,
  sandboxCustomerListDto,
  sandboxResetDto,
  fireEventInput,
  firedEventDto,
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
  errors: ["bank_unavailable", "conflict", "customer_handle_taken", "customer_document_invalid"],
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

export const updateSandboxSettingsOperation = defineOperation({
  method: "PATCH",
  path: "/api/apps/{appId}/sandbox/settings",
  operationId: "updateSandboxSettings",
  tag: "Sandbox",
  summary: "Change live activity or the clock's rate",
  description:
    "Live activity books the test customers' everyday activity (card spending, salary, direct debits) for every sandbox day that passes, with its webhooks; the clock's rate is sandbox days per real day (1–1440). Both survive a reset. From code: `PATCH /v1/sandbox/settings`.",
  access: { app: "key:use" },
  params: appParams,
  body: updateSandboxSettingsInput,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The settings now.", schema: sandboxSettingsDto },
});

const snapshotPath = appParams.extend(snapshotParams.shape);

export const listSandboxSnapshotsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/sandbox/snapshots",
  operationId: "listSandboxSnapshots",
  tag: "Sandbox",
  summary: "List the sandbox's snapshots",
  description: "The app's named snapshots, newest first. From code: `GET /v1/sandbox/snapshots`.",
  access: { app: "app:read" },
  params: appParams,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The app's snapshots.", schema: snapshotListDto },
});

export const takeSandboxSnapshotOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/snapshots",
  operationId: "takeSandboxSnapshot",
  tag: "Sandbox",
  summary: "Take a snapshot",
  description:
    "A named copy of the sandbox's whole state (customers, accounts, transactions, payments, consents, the clock). An app keeps a limited number, each of a limited size: past either, 409 or 413 says which. From code: `POST /v1/sandbox/snapshots`.",
  access: { app: "key:use" },
  params: appParams,
  body: createSnapshotInput,
  errors: ["bank_unavailable", "snapshot_name_taken", "snapshot_limit_reached", "snapshot_too_large"],
  success: { status: 201, description: "The snapshot.", schema: snapshotDto },
});

export const restoreSandboxSnapshotOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/snapshots/{snapshot}/restore",
  operationId: "restoreSandboxSnapshot",
  tag: "Sandbox",
  summary: "Restore a snapshot",
  description:
    "Puts the sandbox back exactly as it was when the snapshot was taken, ids and clock included; what happened since is gone. From code: `POST /v1/sandbox/snapshots/{snapshot}/restore`.",
  access: { app: "key:use" },
  params: snapshotPath,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "What the restore put back.", schema: restoreResultDto },
});

export const deleteSandboxSnapshotOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}/sandbox/snapshots/{snapshot}",
  operationId: "deleteSandboxSnapshot",
  tag: "Sandbox",
  summary: "Delete a snapshot",
  description: "From code: `DELETE /v1/sandbox/snapshots/{snapshot}`.",
  access: { app: "key:use" },
  params: snapshotPath,
  errors: ["bank_unavailable"],
  success: { status: 204, description: "The snapshot is gone." },
});

export const downloadSandboxSnapshotOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/sandbox/snapshots/{snapshot}/export",
  operationId: "downloadSandboxSnapshot",
  tag: "Sandbox",
  summary: "Download a snapshot as a file",
  description:
    "The snapshot's export file (`content-disposition: attachment`), to keep in a repository or import into another app. From code: `GET /v1/sandbox/snapshots/{snapshot}/export`.",
  access: { app: "app:read" },
  params: snapshotPath,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The export file.", schema: sandboxExportDto },
});

export const importSandboxOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/import",
  operationId: "importSandbox",
  tag: "Sandbox",
  summary: "Import an export file",
  description:
    "Replaces the sandbox's state with an export file's (from this app or another: the bank gives the other app's ids new ones). A file that is not an export is 422 with pointers, and nothing changes; one larger than the bank takes is 413. From code: `POST /v1/sandbox/import`.",
  access: { app: "key:use" },
  params: appParams,
  body: z.looseObject({}).describe("A file from a download or `GET /v1/sandbox/export`, unchanged."),
  maxBodyBytes: 8 * 1024 * 1024,
  errors: ["bank_unavailable", "invalid_sandbox_export", "snapshot_too_large"],
  success: { status: 200, description: "What the import put back.", schema: restoreResultDto },
});

export const fireSandboxEventOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox/events",
  operationId: "fireSandboxEvent",
  tag: "Sandbox",
  summary: "Fire a webhook event",
  description:
    "Emits an event in the app's sandbox, delivered signed to the app's enabled endpoints (and live `listen` sessions) like a real one; the CLI's `trigger`. Without `object`, the object of the sandbox's latest real event of that type is reused. `overrides` change fields of that object (`{\"object.amount.amount\": \"12.50\"}`): a path the object does not have, or a value of another JSON type, is refused with 422 `event_override_invalid` (one pointer per refused path, the paths that exist in the detail) and nothing is fired. From code: `POST /v1/sandbox/webhooks/fire`.",
  access: { app: "key:use" },
  params: appParams,
  body: fireEventInput,
  errors: ["bank_unavailable", "event_override_invalid"],
  success: { status: 201, description: "The event, overrides applied, on its way.", schema: firedEventDto },
});

export const sandboxOperations = [
  listSandboxCustomersOperation,
  createSandboxCustomerOperation,
  deleteSandboxCustomerOperation,
  getSandboxClockOperation,
  advanceSandboxClockOperation,
  resetSandboxOperation,
  updateSandboxSettingsOperation,
  listSandboxSnapshotsOperation,
  takeSandboxSnapshotOperation,
  restoreSandboxSnapshotOperation,
  deleteSandboxSnapshotOperation,
  downloadSandboxSnapshotOperation,
  importSandboxOperation,
  fireSandboxEventOperation,
];
