import type { FastifyPluginAsync } from "fastify";
import { aisUrl } from "../../domain/open-banking/ais-mapping";
import { getAisBalances } from "../../domain/open-banking/get-ais-balances";
import { listAisAccounts } from "../../domain/open-banking/list-ais-accounts";
import { listAisTransactions } from "../../domain/open-banking/list-ais-transactions";
import { getStatementPeriodOrThrow, listStatementPeriods } from "../../domain/open-banking/list-ais-statements";
import { OBReadAccount6, OBReadBalance1, OBReadTransaction6 } from "../../schemas/open-banking/ais-accounts";
import {
  AccountIdParams,
  filterInstant,
  StatementIdParams,
  StatementsQuery,
  TransactionsQuery,
} from "../../schemas/open-banking/ais-common";
import { OBReadStatement2, StatementFile } from "../../schemas/open-banking/ais-resources";
import { aisGet } from "./ais-route";

const TRANSACTIONS =
  "Transactions of the consent's accounts, newest first, from the same statement lines /v1 lists (TransactionId is the `txn_…` id): those booked within the consent's TransactionFromDateTime/ToDateTime and the request's fromBookingDateTime/toBookingDateTime (UTC; a zone is ignored), credits and/or debits as ReadTransactionsCredits/Debits allow; TransactionInformation and MerchantDetails with ReadTransactionsDetail only. A pending card payment (PDNG) has the date it is expected to book. 100 per page: follow Links.Next (`page`); Meta.TotalPages.";

/** Accounts, balances, transactions and statements of UK AIS. */
const aispAccounts: FastifyPluginAsync<{ portalUrl: string }> = async (app, options) => {
  const url = (path: string, query?: Record<string, string | number | undefined>) => aisUrl(options.portalUrl, path, query);
  const self = (path: string) => ({ Links: { Self: url(path) }, Meta: { TotalPages: 1 } });
  /** Links of a paged list: Self as requested, First/Last, Prev/Next around the page. */
  const paged = (path: string, query: Record<string, string | undefined>, requested: number | undefined, totalPages: number) => {
    const page = requested ?? 1;
    const at = (n: number) => url(path, { ...query, page: n });
    return {
      Links: {
        Self: url(path, { ...query, page: requested }),
        First: at(1),
        ...(page > 1 ? { Prev: at(Math.min(page - 1, totalPages)) } : {}),
        ...(page < totalPages ? { Next: at(page + 1) } : {}),
        Last: at(totalPages),
      },
      Meta: { TotalPages: totalPages },
    };
  };

  const accounts = (bulk: boolean) =>
    aisGet(app, {
      url: bulk ? "/accounts" : "/accounts/:AccountId",
      operationId: bulk ? "GetAccounts" : "GetAccountsAccountId",
      tag: "Accounts",
      summary: "Get Accounts",
      description: bulk
        ? "The accounts the customer chose when they authorised the consent (call this first). AccountId is the sandbox's `acc_…` id, as on /v1. With ReadAccountsDetail each account also carries its identifiers: UK.OBIE.SortCodeAccountNumber (sort code + account number) and UK.OBIE.IBAN, or a card's masked UK.OBIE.PAN."
        : "One of the consent's accounts (an account the customer did not choose is 403).",
      resource: "accounts",
      ...(bulk ? {} : { params: AccountIdParams }),
      response: OBReadAccount6,
      notFound: false,
      handle: async ({ request, call, params }) => ({
        Data: { Account: await listAisAccounts({ db: app.db, tenantId: request.tenantId, call, accountId: params.AccountId }) },
        ...self(bulk ? "/accounts" : `/accounts/${params.AccountId}`),
      }),
    });
  accounts(true);
  accounts(false);

  const balances = (bulk: boolean) =>
    aisGet(app, {
      url: bulk ? "/balances" : "/accounts/:AccountId/balances",
      operationId: bulk ? "GetBalances" : "GetAccountsAccountIdBalances",
      tag: "Balances",
      summary: "Get Balances",
      description:
        "Balances as /v1 computes them: ITBD (interim booked, /v1's `booked`) and ITAV (interim available, /v1's `available`: booked minus pending card payments plus the arranged overdraft or the card's unused limit, shown in CreditLine). Needs ReadBalances.",
      resource: "balances",
      ...(bulk ? {} : { params: AccountIdParams }),
      response: OBReadBalance1,
      notFound: bulk,
      handle: async ({ request, call, params, tenantNow }) => ({
        Data: { Balance: await getAisBalances({ db: app.db, tenantId: request.tenantId, call, accountId: params.AccountId, tenantNow }) },
        ...self(bulk ? "/balances" : `/accounts/${params.AccountId}/balances`),
      }),
    });
  balances(true);
  balances(false);

  const transactions = (bulk: boolean) =>
    aisGet(app, {
      url: bulk ? "/transactions" : "/accounts/:AccountId/transactions",
      operationId: bulk ? "GetTransactions" : "GetAccountsAccountIdTransactions",
      tag: "Transactions",
      summary: "Get Transactions",
      description: TRANSACTIONS,
      resource: "transactions",
      ...(bulk ? {} : { params: AccountIdParams }),
      querystring: TransactionsQuery,
      response: OBReadTransaction6,
      notFound: bulk,
      handle: async ({ request, call, accountIds, params }) => {
        const query = request.query as { fromBookingDateTime?: string; toBookingDateTime?: string; page?: number };
        const { transactions: rows, totalPages } = await listAisTransactions({
          db: app.db,
          tenantId: request.tenantId,
          call,
          accountIds,
          filter: { from: filterInstant(query.fromBookingDateTime, false), to: filterInstant(query.toBookingDateTime, true) },
          page: query.page ?? 1,
        });
        const filters = { fromBookingDateTime: query.fromBookingDateTime, toBookingDateTime: query.toBookingDateTime };
        return {
          Data: { Transaction: rows },
          ...paged(bulk ? "/transactions" : `/accounts/${params.AccountId}/transactions`, filters, query.page, totalPages),
        };
      },
    });
  transactions(true);
  transactions(false);

  const STATEMENTS =
    "Monthly statements derived from the account's booked statement lines (the sandbox keeps no statement table): one per calendar month (UTC) that has ended on the sandbox clock, newest first, wholly inside the consent's TransactionFrom/ToDateTime and the request's from/toStatementDateTime. With ReadStatementsDetail, StatementAmount holds the previous and closing balances and the month's credits and debits.";
  const statements = (bulk: boolean) =>
    aisGet(app, {
      url: bulk ? "/statements" : "/accounts/:AccountId/statements",
      operationId: bulk ? "GetStatements" : "GetAccountsAccountIdStatements",
      tag: "Statements",
      summary: "Get Statements",
      description: STATEMENTS,
      resource: "statements",
      ...(bulk ? {} : { params: AccountIdParams }),
      querystring: StatementsQuery,
      response: OBReadStatement2,
      handle: async ({ request, call, accountIds, params, tenantNow }) => {
        const query = request.query as { fromStatementDateTime?: string; toStatementDateTime?: string };
        const periods = await listStatementPeriods({
          db: app.db,
          tenantId: request.tenantId,
          call,
          accountIds,
          tenantNow,
          filter: { from: filterInstant(query.fromStatementDateTime, false), to: filterInstant(query.toStatementDateTime, true) },
        });
        const path = bulk ? "/statements" : `/accounts/${params.AccountId}/statements`;
        return {
          Data: { Statement: periods.map((period) => period.statement) },
          Links: { Self: url(path, { ...query }) },
          Meta: { TotalPages: 1 },
        };
      },
    });
  statements(true);
  statements(false);

  aisGet(app, {
    url: "/accounts/:AccountId/statements/:StatementId",
    operationId: "GetAccountsAccountIdStatementsStatementId",
    tag: "Statements",
    summary: "Get Statements",
    description: `One statement. ${STATEMENTS} An unknown StatementId (or one outside the consent's period) is 400 UK.OBIE.Resource.NotFound.`,
    resource: "statements",
    params: StatementIdParams,
    response: OBReadStatement2,
    handle: async ({ request, call, params, tenantNow }) => {
      const period = await getStatementPeriodOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        call,
        accountId: params.AccountId,
        statementId: params.StatementId!,
        tenantNow,
      });
      return { Data: { Statement: [period.statement] }, ...self(`/accounts/${params.AccountId}/statements/${params.StatementId}`) };
    },
  });

  aisGet(app, {
    url: "/accounts/:AccountId/statements/:StatementId/file",
    operationId: "GetAccountsAccountIdStatementsStatementIdFile",
    tag: "Statements",
    summary: "Get Statements",
    description:
      "The statement's file. The document types it as JSON (no PDF), so the sandbox's file is the statement with its lines as JSON: the statement (as ReadStatementsDetail shows it) and, when the consent grants transactions, its booked lines shaped and filtered as GET …/statements/{StatementId}/transactions shows them. Needs ReadStatementsDetail; an Accept that excludes JSON is 406.",
    resource: "statementFile",
    params: StatementIdParams,
    response: StatementFile,
    handle: async ({ request, call, params, tenantNow }) => {
      const period = await getStatementPeriodOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        call,
        accountId: params.AccountId,
        statementId: params.StatementId!,
        tenantNow,
      });
      const lines = call.grant.hasAny(["ReadTransactionsBasic", "ReadTransactionsDetail"])
        ? await listAisTransactions({
            db: app.db,
            tenantId: request.tenantId,
            call,
            accountIds: [params.AccountId],
            filter: { from: period.start, to: period.end },
            page: 1,
            bookedOnly: true,
            pageSize: 10_000,
          })
        : { transactions: [] };
      return { Statement: period.statement, Transaction: lines.transactions };
    },
  });

  aisGet(app, {
    url: "/accounts/:AccountId/statements/:StatementId/transactions",
    operationId: "GetAccountsAccountIdStatementsStatementIdTransactions",
    tag: "Transactions",
    summary: "Get Transactions",
    description: `The booked lines of one statement's month. ${TRANSACTIONS}`,
    resource: "transactions",
    params: StatementIdParams,
    querystring: TransactionsQuery.pick({ page: true }),
    response: OBReadTransaction6,
    handle: async ({ request, call, params, tenantNow }) => {
      const period = await getStatementPeriodOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        call,
        accountId: params.AccountId,
        statementId: params.StatementId!,
        tenantNow,
      });
      const query = request.query as { page?: number };
      const { transactions: rows, totalPages } = await listAisTransactions({
        db: app.db,
        tenantId: request.tenantId,
        call,
        accountIds: [params.AccountId],
        filter: { from: period.start, to: period.end },
        page: query.page ?? 1,
        bookedOnly: true,
      });
      return {
        Data: { Transaction: rows },
        ...paged(`/accounts/${params.AccountId}/statements/${params.StatementId}/transactions`, {}, query.page, totalPages),
      };
    },
  });
};

export default aispAccounts;
