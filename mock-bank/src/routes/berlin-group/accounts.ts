import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BgError } from "../../domain/berlin-group/bg-errors";
import { bgAccountDetails, bgBalances } from "../../domain/berlin-group/bg-accounts";
import { DEFAULT_ITEMS_PER_PAGE, getBgTransaction, listBgTransactions } from "../../domain/berlin-group/bg-transactions";
import { accessBgConsent, type AisService } from "../../domain/berlin-group/access-bg-consent";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  AccountDetailsResponse,
  AccountList,
  AccountListQuery,
  AccountParams,
  BalancesResponse,
  TransactionDetailsResponse,
  TransactionParams,
  TransactionsQuery,
  TransactionsResponse,
} from "../../schemas/berlin-group/accounts";
import { bgErrors, bgJson, ConsentIdHeader, PsuIpAddress } from "../../schemas/berlin-group/common";

const TAG = "Account Information Service (AIS)";
const config = { standardAccess: { caller: "app", scope: "accounts", standard: "berlin_group" } } as const;
const headers = z.looseObject({
  ...ConsentIdHeader,
  "psu-ip-address": PsuIpAddress.optional().describe(
    "Only when the PSU asked for this call: calls without it count against the consent's frequencyPerDay.",
  ),
});
const errors = bgErrors([400, 401, 403, 404, 405, 409, 429]);

/**
 * Berlin Group NextGenPSD2 1.3.11: accounts, balances and transactions, read with the TPP's
 * consent (Consent-ID) from the one domain: resourceId is the account's `acc_…` id, balances are
 * /v1's, transactions are /v1's statement lines.
 */
const accounts: FastifyPluginAsyncZod = async (app) => {
  const access = (
    request: { tenantId: string; appId: string | null; headers: Record<string, unknown>; tenant: unknown },
    service: AisService,
    accountId?: string,
  ) =>
    accessBgConsent({
      db: app.db,
      tenantId: request.tenantId,
      appId: request.appId ?? request.tenantId,
      consentId: String(request.headers["consent-id"]),
      service,
      accountId,
      psuInvolved: typeof request.headers["psu-ip-address"] === "string",
      tenantNow: now(request),
    });
  const now = (request: { tenant: unknown }) => tenantNow(request.tenant as Parameters<typeof tenantNow>[0], app.now());

  app.get(
    "/accounts",
    {
      config,
      schema: {
        operationId: "getAccountList",
        tags: [TAG],
        summary: "Read account list",
        description: "The accounts the consent covers; with `withBalance=true`, each with its balances where the consent gives them.",
        headers,
        querystring: AccountListQuery,
        response: { 200: bgJson("The accounts.", AccountList), ...errors },
      },
    },
    async (request) => {
      const granted = await access(request, "accountList");
      const withBalance = new Set(
        request.query.withBalance === "true"
          ? granted.accountIds.filter((id) => granted.listWithBalances || granted.rights.get(id)?.balances)
          : [],
      );
      return {
        accounts: await bgAccountDetails(app.db, {
          tenantId: request.tenantId,
          accountIds: granted.accountIds,
          rights: granted.rights,
          withBalance,
          tenantNow: now(request),
        }),
      };
    },
  );

  app.get(
    "/accounts/:accountId",
    {
      config,
      schema: {
        operationId: "readAccountDetails",
        tags: [TAG],
        summary: "Read account details",
        description:
          "One account of the consent: IBAN, BBAN, currency, product, cash account type, status, and links to what the consent allows.",
        headers,
        params: AccountParams,
        querystring: AccountListQuery,
        response: { 200: bgJson("The account.", AccountDetailsResponse), ...errors },
      },
    },
    async (request) => {
      const accountId = request.params.accountId;
      const granted = await access(request, "account", accountId);
      const withBalance = new Set(request.query.withBalance === "true" && granted.rights.get(accountId)?.balances ? [accountId] : []);
      const [account] = await bgAccountDetails(app.db, {
        tenantId: request.tenantId,
        accountIds: [accountId],
        rights: granted.rights,
        withBalance,
        tenantNow: now(request),
      });
      return { account };
    },
  );

  app.get(
    "/accounts/:accountId/balances",
    {
      config,
      schema: {
        operationId: "getBalances",
        tags: [TAG],
        summary: "Read balance",
        description:
          "`closingBooked` (end of the sandbox's yesterday), `interimBooked` (booked now: /v1's `booked`), `interimAvailable` (/v1's `available`, the arranged overdraft included) and `expected` (booked plus pending).",
        headers,
        params: AccountParams,
        response: { 200: bgJson("The account's balances.", BalancesResponse), ...errors },
      },
    },
    async (request) => {
      const accountId = request.params.accountId;
      await access(request, "balances", accountId);
      const account = await app.db.bankAccount.findUniqueOrThrow({ where: { id: accountId }, select: { iban: true, currency: true } });
      return {
        account: { iban: account.iban!, currency: account.currency },
        balances: await bgBalances(app.db, { tenantId: request.tenantId, accountId, tenantNow: now(request) }),
      };
    },
  );

  app.get(
    "/accounts/:accountId/transactions",
    {
      config,
      schema: {
        operationId: "getTransactionList",
        tags: [TAG],
        summary: "Read transaction list of an account",
        description:
          "The account's statement lines from `dateFrom` to `dateTo` (inclusive; the booking date for booked lines), `booked`, `pending` or `both`, newest first, in pages of `itemsPerPage` (default 100) linked by `_links` (first, previous, next, last).",
        headers,
        params: AccountParams,
        querystring: TransactionsQuery,
        response: { 200: bgJson("The transactions.", TransactionsResponse), ...errors },
      },
    },
    async (request) => {
      const accountId = request.params.accountId;
      const query = request.query;
      if (query.bookingStatus === "information" || query.bookingStatus === "all")
        throw new BgError(
          400,
          "PARAMETER_NOT_SUPPORTED",
          `bookingStatus ${query.bookingStatus} is not offered: use booked, pending or both.`,
          "bookingStatus",
        );
      if (query.entryReferenceFrom !== undefined || query.deltaList !== undefined)
        throw new BgError(
          400,
          "PARAMETER_NOT_SUPPORTED",
          "Delta reports (entryReferenceFrom, deltaList) are not offered: use dateFrom and dateTo.",
          query.deltaList !== undefined ? "deltaList" : "entryReferenceFrom",
        );
      if (!query.dateFrom) throw new BgError(400, "FORMAT_ERROR", "dateFrom is required (YYYY-MM-DD).", "dateFrom");
      const granted = await access(request, "transactions", accountId);
      const account = await app.db.bankAccount.findUniqueOrThrow({ where: { id: accountId }, select: { iban: true, currency: true } });
      const sent = new URLSearchParams(request.url.split("?")[1] ?? "");
      const transactions = await listBgTransactions(app.db, {
        tenantId: request.tenantId,
        accountId,
        bookingStatus: query.bookingStatus,
        dateFrom: query.dateFrom,
        dateTo: query.dateTo,
        pageIndex: query.pageIndex ?? 0,
        itemsPerPage: query.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
        query: sent,
        tenantNow: now(request),
      });
      const withBalance = query.withBalance === "true" && granted.rights.get(accountId)?.balances;
      return {
        account: { iban: account.iban!, currency: account.currency },
        transactions,
        ...(withBalance ? { balances: await bgBalances(app.db, { tenantId: request.tenantId, accountId, tenantNow: now(request) }) } : {}),
      };
    },
  );

  app.get(
    "/accounts/:accountId/transactions/:transactionId",
    {
      config,
      schema: {
        operationId: "getTransactionDetails",
        tags: [TAG],
        summary: "Read transaction details",
        description: "One statement line of the account, as the list shows it.",
        headers,
        params: TransactionParams,
        response: { 200: bgJson("The transaction.", TransactionDetailsResponse), ...errors },
      },
    },
    async (request) => {
      const accountId = request.params.accountId;
      await access(request, "transactions", accountId);
      return {
        transactionsDetails: await getBgTransaction(app.db, {
          tenantId: request.tenantId,
          accountId,
          transactionId: request.params.transactionId,
        }),
      };
    },
  );
};

export default accounts;
