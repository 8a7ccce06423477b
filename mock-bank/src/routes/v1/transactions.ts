import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listTransactions } from "../../domain/transactions/list-transactions";
import { AccountParams } from "../../schemas/account";
import { NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";
import { ListTransactionsQuery, TransactionList } from "../../schemas/transaction";

const transactions: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/accounts/:account_id/transactions",
    {
      config: { consent: { permission: "transactions:read", account: "params" } },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["transactions:read"] }],
        operationId: "listAccountTransactions",
        tags: ["Transactions"],
        summary: "List an account's transactions",
        description:
          "Lists transactions newest first. Card payments from the last two days are `pending` (no `booked_at`). Filter by date range (inclusive, UTC) and status; page with `limit` and `cursor`.",
        params: AccountParams,
        querystring: ListTransactionsQuery,
        response: { 200: jsonResponse("A page of transactions, newest first.", TransactionList), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      listTransactions({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        accountId: request.params.account_id,
        from: request.query.from,
        to: request.query.to,
        status: request.query.status,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );
};

export default transactions;
