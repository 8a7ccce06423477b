import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { createCustomCustomer } from "../../domain/sandbox-customers/create-custom-customer";
import { deleteCustomCustomer } from "../../domain/sandbox-customers/delete-custom-customer";
import { getSandboxCustomerOrThrow } from "../../domain/sandbox-customers/get-sandbox-customer-or-throw";
import { listSandboxCustomers } from "../../domain/sandbox-customers/list-sandbox-customers";
import { setAuthenticationScenario } from "../../domain/sandbox-customers/set-authentication-scenario";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { IdempotencyHeaders } from "../../schemas/payment";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";
import {
  CustomCustomerDocument,
  PatchSandboxCustomerBody,
  SandboxCustomer,
  SandboxCustomerList,
  SandboxCustomerParams,
} from "../../schemas/sandbox-customers";

const CREATE_DESCRIPTION = [
  "Defines a test customer of your own from a `CustomCustomerDocument`: identity, KYC outcome, credit profile, authentication scenario and up to 10 accounts, each with an opening balance and a history (explicit transactions, or a generator: salary, rent, subscriptions, card spending by category over 1–24 months).",
  "",
  "- The customer logs in on the bank's consent pages as `user_<handle>` with password `pass_<handle>`, and its accounts appear in `/v1`, UK Open Banking and Berlin Group views once consented.",
  "- Balances equal ledger entries equal booked statement lines; no line takes an account below zero, its overdraft or its credit limit.",
  "- `POST /v1/sandbox/reset` keeps it (rebuilt from this document as of the reset) unless you send `keep_custom_customers: false`.",
  "- Rules the schema cannot state are 422 `customer_document_invalid`, each field named by a pointer (e.g. `/body/accounts/1/history/transactions/3/amount`); a handle in use or a persona's key is 409 `customer_handle_taken`.",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments.",
].join("\n");

/** The developer's own test customers, beside the personas: define, list, change the authentication scenario, delete. */
const sandboxCustomers: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/sandbox/customers",
    {
      config: { movesMoney: false, idempotency: "required" },
      schema: {
        operationId: "createSandboxCustomer",
        tags: ["Sandbox"],
        summary: "Define a custom test customer",
        description: CREATE_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: CustomCustomerDocument,
        response: {
          201: jsonResponse("The test customer with its accounts and balances.", SandboxCustomer),
          ...problemResponses({
            409: `\`customer_handle_taken\`: the handle is a persona's key or another custom customer's; \`conflict\`: 50 custom customers already. ${IN_FLIGHT}`,
            422: "`customer_document_invalid` (pointers name the fields) or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const customer = await createOnce(request.idempotency, {
        get: (customerId) => getSandboxCustomerOrThrow({ db: app.db, tenantId: request.tenantId, customerId }),
        create: (idempotencyKeyId) =>
          createCustomCustomer({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            document: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).header("location", `/v1/sandbox/customers/${customer.id}`).send(customer);
    },
  );

  app.get(
    "/sandbox/customers",
    {
      schema: {
        operationId: "listSandboxCustomers",
        tags: ["Sandbox"],
        summary: "List the test customers",
        description:
          "Every test customer of your sandbox, on one page: the six personas (`source: persona`), then your custom customers (`source: custom`), oldest first, each with its login, authentication scenario and accounts with balances.",
        response: { 200: jsonResponse("Every test customer.", SandboxCustomerList), ...problemResponses() },
      },
    },
    async (request) => listSandboxCustomers({ db: app.db, tenantId: request.tenantId }),
  );

  app.get(
    "/sandbox/customers/:customer_id",
    {
      schema: {
        operationId: "getSandboxCustomer",
        tags: ["Sandbox"],
        summary: "Get a test customer",
        description: "One test customer with its accounts and balances; a custom customer also returns its `document` (what was posted).",
        params: SandboxCustomerParams,
        response: { 200: jsonResponse("The test customer.", SandboxCustomer), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) => getSandboxCustomerOrThrow({ db: app.db, tenantId: request.tenantId, customerId: request.params.customer_id }),
  );

  app.patch(
    "/sandbox/customers/:customer_id",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "updateSandboxCustomer",
        tags: ["Sandbox"],
        summary: "Change a test customer's authentication scenario",
        description:
          "Sets how the customer's authentication goes on the bank's pages (`approve`, `one_time_code`, `decoupled`, `authentication_failed`, `account_locked`, `session_timeout`, `partial_grant`). Personas too: a reset puts a persona back to `approve`, and keeps a custom customer's choice.",
        params: SandboxCustomerParams,
        body: PatchSandboxCustomerBody,
        response: { 200: jsonResponse("The test customer.", SandboxCustomer), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      setAuthenticationScenario({
        db: app.db,
        tenantId: request.tenantId,
        customerId: request.params.customer_id,
        scenario: request.body.authentication_scenario,
      }),
  );

  app.delete(
    "/sandbox/customers/:customer_id",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "deleteSandboxCustomer",
        tags: ["Sandbox"],
        summary: "Delete a custom test customer",
        description:
          "Removes a custom customer with its accounts, history and document (a reset no longer brings it back). The ledger stays balanced. A persona is 409 `conflict`: reset the sandbox instead.",
        params: SandboxCustomerParams,
        response: {
          204: z.null().describe("The custom customer is deleted."),
          ...problemResponses({ 404: NOT_FOUND, 409: "`conflict`: personas cannot be deleted." }),
        },
      },
    },
    async (request, reply) => {
      await deleteCustomCustomer({
        db: app.db,
        tenantId: request.tenantId,
        customerId: request.params.customer_id,
        now: tenantNow(request.tenant!, app.now()),
      });
      return reply.code(204).send(null);
    },
  );
};

export default sandboxCustomers;
