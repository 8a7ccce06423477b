import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { getAccountOrThrow } from "../../domain/accounts/get-account-or-throw";
import { getBalances } from "../../domain/accounts/get-balances";
import { listAccounts } from "../../domain/accounts/list-accounts";
import { Account, AccountList, AccountParams, ListAccountsQuery } from "../../schemas/account";
import { Balances } from "../../schemas/balances";
import { errorResponses, jsonResponse } from "../../schemas/problem";
import { tenantNow } from "../../domain/tenants/tenant-now";

const accounts: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/accounts",
    {
      schema: {
        operationId: "listAccounts",
        tags: ["Accounts"],
        summary: "List accounts",
        description:
          "Lists the accounts of your sandbox's test customers: every persona has a current account, a savings account and a credit card. Filter by customer or type; page with `limit` and `cursor`.",
        querystring: ListAccountsQuery,
        response: { 200: jsonResponse("A page of accounts.", AccountList), ...errorResponses() },
      },
    },
    async (request) =>
      listAccounts({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        customerId: request.query.customer_id,
        type: request.query.type,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    "/accounts/:account_id",
    {
      schema: {
        operationId: "getAccount",
        tags: ["Accounts"],
        summary: "Get an account",
        description: "Returns one account with its identifiers: IBAN, sort code and account number, or the masked card number.",
        params: AccountParams,
        response: { 200: jsonResponse("The account.", Account), ...errorResponses({ notFound: true }) },
      },
    },
    async (request) => getAccountOrThrow({ db: app.db, tenantId: request.tenantId, accountId: request.params.account_id }),
  );

  app.get(
    "/accounts/:account_id/balances",
    {
      schema: {
        operationId: "getAccountBalances",
        tags: ["Accounts"],
        summary: "Get an account's balances",
        description:
          "Returns the booked, pending and available balances. Available includes the arranged overdraft of a current account, or the unused credit limit of a card, minus pending debits.",
        params: AccountParams,
        response: { 200: jsonResponse("The account's balances.", Balances), ...errorResponses({ notFound: true }) },
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
