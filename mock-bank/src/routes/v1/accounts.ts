import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { getAccountOrThrow } from "../../domain/accounts/get-account-or-throw";
import { getBalances } from "../../domain/accounts/get-balances";
import { listAccounts } from "../../domain/accounts/list-accounts";
import { openAccount } from "../../domain/accounts/open-account";
import { createOnce } from "../../domain/idempotency/create-once";
import { Account, AccountList, AccountParams, ListAccountsQuery, OpenAccountBody } from "../../schemas/account";
import { IdempotencyHeaders } from "../../schemas/payment";
import { capture, captured, exampleRun } from "../../schemas/example-run";
import { Balances } from "../../schemas/balances";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";
import { tenantNow } from "../../domain/tenants/tenant-now";

const OPEN_DESCRIPTION = [
  "Opens an account of a deposit product (`product_id`, see `GET /v1/products`) for one of your sandbox's customers whose KYC is `approved` (a seeded persona, or one from `POST /v1/customers`). `type: current` and `type: savings` remain as shorthands for `current_account` and `easy_access_saver` (`currency_saver` in EUR or USD). The account gets a fresh sort code (`990020`), account number and IBAN, the product's name and AER, and appears in `GET /v1/accounts`.",
  "",
  "- **Opening deposit**: `initial_deposit` moves money in from `funding_account_id` (the same customer's current or savings account) in the same transaction. Required for fixed-term bonds, which also get `matures_on`; without it the account starts at zero.",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments.",
  "- Refusals leave nothing behind: `kyc_not_approved` (customer in `review` or `rejected`), `deposit_not_accepted` (deposit outside the product's `min_deposit`–`max_deposit`), `account_not_eligible` (funding from another customer's account, a card or a loan), `insufficient_funds`, `account_frozen`, `currency_mismatch`, `early_withdrawal_not_allowed` (funding from an unmatured bond). An unknown customer or funding account (or another app's) is a 404.",
  "- Events (outbox, same transaction): `account.opened`, and `transaction.booked` for the deposit's two statement lines.",
].join("\n");

const accounts: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/accounts",
    {
      // Moves no money, so Sandbox-Scenario: insufficient_funds passes it.
      config: { movesMoney: false, idempotency: "required" },
      schema: {
        operationId: "openAccount",
        tags: ["Accounts"],
        summary: "Open an account",
        description: OPEN_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: OpenAccountBody,
        response: {
          201: jsonResponse("The new account, with a zero balance.", Account),
          ...problemResponses({
            404: "`resource_not_found`: no such customer (`customer_id`) or funding account (`funding_account_id`) in your sandbox.",
            409: IN_FLIGHT,
            422: "`kyc_not_approved`, `deposit_not_accepted`, `account_not_eligible`, `insufficient_funds`, `account_frozen`, `currency_mismatch`, `early_withdrawal_not_allowed` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const account = await createOnce(request.idempotency, {
        get: (accountId) => getAccountOrThrow({ db: app.db, tenantId: request.tenantId, accountId }),
        create: (idempotencyKeyId) =>
          openAccount({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            input: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).header("location", `/v1/accounts/${account.id}`).send(account);
    },
  );

  app.get(
    "/accounts",
    {
      config: { consent: { permission: "accounts:read" } },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["accounts:read"] }],
        operationId: "listAccounts",
        tags: ["Accounts"],
        summary: "List accounts",
        description:
          "Lists the accounts of your sandbox's test customers: every persona has a current account, a savings account and a credit card. Filter by customer or type; page with `limit` and `cursor`.",
        querystring: ListAccountsQuery,
        ...exampleRun({
          captures: [
            capture("accountId", "/data", { where: { customer_id: captured("customerId"), type: "current" }, field: "/id" }),
            capture("cardAccountId", "/data", { where: { customer_id: captured("customerId"), type: "credit_card" }, field: "/id" }),
          ],
        }),
        response: { 200: jsonResponse("A page of accounts.", AccountList), ...problemResponses() },
      },
    },
    async (request) =>
      listAccounts({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        customerId: request.query.customer_id,
        type: request.query.type,
        accountIds: request.consent?.accountIds,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    "/accounts/:account_id",
    {
      config: { consent: { permission: "accounts:read", account: "params" } },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["accounts:read"] }],
        operationId: "getAccount",
        tags: ["Accounts"],
        summary: "Get an account",
        description: "Returns one account with its identifiers: IBAN, sort code and account number, or the masked card number.",
        params: AccountParams,
        response: { 200: jsonResponse("The account.", Account), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) => getAccountOrThrow({ db: app.db, tenantId: request.tenantId, accountId: request.params.account_id }),
  );

  app.get(
    "/accounts/:account_id/balances",
    {
      config: { consent: { permission: "accounts:read", account: "params" } },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["accounts:read"] }],
        operationId: "getAccountBalances",
        tags: ["Accounts"],
        summary: "Get an account's balances",
        description:
          "Returns the booked, pending and available balances. Available includes the arranged overdraft of a current account, or the unused credit limit of a card, minus pending debits.",
        params: AccountParams,
        response: { 200: jsonResponse("The account's balances.", Balances), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      getBalances({
        db: app.db,
        tenantId: request.tenantId,
        accountId: request.params.account_id,
        asOf: tenantNow(request.tenant!, app.now()),
      }),
  );
};

export default accounts;
