import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createCustomer } from "../../domain/customers/create-customer";
import { getCustomerOrThrow } from "../../domain/customers/get-customer-or-throw";
import { listCustomers } from "../../domain/customers/list-customers";
import { createOnce } from "../../domain/idempotency/create-once";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { CreateCustomerBody, Customer, CustomerList, CustomerParams, ListCustomersQuery } from "../../schemas/customer";
import { IdempotencyHeaders } from "../../schemas/payment";
import { capture, exampleRun } from "../../schemas/example-run";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";

const CREATE_DESCRIPTION = [
  "Onboards a customer (KYC): verifies the identity data and screens the name against the sandbox's fictional sanctions list. Every decision is a `201`; only `approved` customers can open accounts (`POST /v1/accounts`).",
  "",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments.",
  "- Magic values: `family_name` `Review` → `review` (`manual_review_requested`); `Reject` → `rejected` (`identity_not_verified`); a `date_of_birth` under 18 on the sandbox clock → `rejected` (`under_age`).",
  "- Sanctions screening: the full name is compared with each list entry after normalising case, diacritics, punctuation and word order (token edit-distance similarity, 0 to 1). A score ≥ 0.85 → `review` (`possible_sanctions_match`), ≥ 0.95 → `rejected` (`sanctions_match`); the matched entry and score are in `kyc.screening`. Try `Ivan Sanctionov` (rejected) or `Ivan Sanctionof` (review). The list: Ivan Sanctionov, Miranda Blacklistova, Hector Embargo, José Contrabando Ruiz, Zoë Frozenasset (all fictional).",
  "- Events (outbox, same transaction): `kyc.decided`.",
].join("\n");

const customers: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/customers",
    {
      // Moves no money, so Sandbox-Scenario: insufficient_funds passes it.
      config: { movesMoney: false, idempotency: "required" },
      schema: {
        operationId: "createCustomer",
        tags: ["Customers"],
        summary: "Onboard a customer (KYC)",
        description: CREATE_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: CreateCustomerBody,
        ...exampleRun({ captures: [capture("reviewCustomerId", "/id")] }),
        response: {
          201: jsonResponse("The customer with its KYC decision: `approved`, `review` or `rejected`.", Customer),
          ...problemResponses({ 409: IN_FLIGHT, 422: "`idempotency_key_reused`: the key was used for another request." }),
        },
      },
    },
    async (request, reply) => {
      const customer = await createOnce(request.idempotency, {
        get: (customerId) => getCustomerOrThrow({ db: app.db, tenantId: request.tenantId, customerId }),
        create: (idempotencyKeyId) =>
          createCustomer({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            input: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).header("location", `/v1/customers/${customer.id}`).send(customer);
    },
  );

  app.get(
    "/customers/:customer_id",
    {
      schema: {
        operationId: "getCustomer",
        tags: ["Customers"],
        summary: "Get a customer",
        description:
          "Returns one customer with its KYC decision and screening: one you onboarded, or a seeded persona (always `approved`).",
        params: CustomerParams,
        response: { 200: jsonResponse("The customer.", Customer), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) => getCustomerOrThrow({ db: app.db, tenantId: request.tenantId, customerId: request.params.customer_id }),
  );

  app.get(
    "/customers",
    {
      schema: {
        operationId: "listCustomers",
        tags: ["Customers"],
        summary: "List customers",
        description:
          "Lists your sandbox's customers: the seeded personas and those you onboarded. Filter by KYC decision; page with `limit` and `cursor`.",
        querystring: ListCustomersQuery,
        ...exampleRun({ captures: [capture("customerId", "/data", { where: { persona: "good_credit" }, field: "/id" })] }),
        response: { 200: jsonResponse("A page of customers.", CustomerList), ...problemResponses() },
      },
    },
    async (request) =>
      listCustomers({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        kycStatus: request.query.kyc_status,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );
};

export default customers;
