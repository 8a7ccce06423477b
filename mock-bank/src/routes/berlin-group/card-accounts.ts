import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { BgError } from "../../domain/berlin-group/bg-errors";
import { bgBalances, bgCardAccountDetails } from "../../domain/berlin-group/bg-accounts";
import { DEFAULT_ITEMS_PER_PAGE, listBgTransactions } from "../../domain/berlin-group/bg-transactions";
import { accessBgConsent, type AisService } from "../../domain/berlin-group/access-bg-consent";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  AccountParams,
  CardAccountDetailsResponse,
  CardAccountList,
  CardBalancesResponse,
  CardTransactionsResponse,
  TransactionsQuery,
} from "../../schemas/berlin-group/accounts";
import { bgErrors, bgJson, ConsentIdHeader, PsuIpAddress } from "../../schemas/berlin-group/common";

const TAG = "Account Information Service (AIS)";
const config = { standardAccess: { caller: "app", scope: "accounts", standard: "berlin_group" } } as const;
const headers = z.looseObject({
  ...ConsentIdHeader,
  "psu-ip-address": PsuIpAddress.optional().describe(
    "Only when the PSU asked for this call: calls without it count against frequencyPerDay.",
  ),
});
const errors = bgErrors([400, 401, 403, 404, 405, 409, 429]);

/**
 * Berlin Group NextGenPSD2 1.3.11: card accounts, the sandbox's credit cards (named in a consent
 * by `maskedPan`), with the same balances and statement lines as /v1.
 */
const cardAccounts: FastifyPluginAsyncZod = async (app) => {
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const access = (request: FastifyRequest, service: AisService, accountId?: string) =>
    accessBgConsent({
      db: app.db,
      tenantId: request.tenantId,
      appId: request.appId ?? request.tenantId,
      consentId: String(request.headers["consent-id"]),
      service,
      accountId,
      cards: true,
      psuInvolved: typeof request.headers["psu-ip-address"] === "string",
      tenantNow: now(request),
    });
  const card = (accountId: string) =>
    app.db.bankAccount.findUniqueOrThrow({ where: { id: accountId }, select: { maskedPan: true, currency: true } });

  app.get(
    "/card-accounts",
    {
      config,
      schema: {
        operationId: "getCardAccountList",
        tags: [TAG],
        summary: "Reads a list of card accounts",
        description: "The card accounts the consent names (by maskedPan), with their credit limit and links to what the consent allows.",
        headers,
        response: { 200: bgJson("The card accounts.", CardAccountList), ...errors },
      },
    },
    async (request) => {
      const granted = await access(request, "accountList");
      return {
        cardAccounts: await bgCardAccountDetails(app.db, {
          tenantId: request.tenantId,
          accountIds: granted.accountIds,
          rights: granted.rights,
          withBalance: new Set(),
          tenantNow: now(request),
        }),
      };
    },
  );

  app.get(
    "/card-accounts/:accountId",
    {
      config,
      schema: {
        operationId: "readCardAccountDetails",
        tags: [TAG],
        summary: "Reads details about a card account",
        description: "One card account of the consent.",
        headers,
        params: AccountParams,
        response: { 200: bgJson("The card account.", CardAccountDetailsResponse), ...errors },
      },
    },
    async (request) => {
      const granted = await access(request, "account", request.params.accountId);
      const [cardAccount] = await bgCardAccountDetails(app.db, {
        tenantId: request.tenantId,
        accountIds: [request.params.accountId],
        rights: granted.rights,
        withBalance: new Set(),
        tenantNow: now(request),
      });
      return { cardAccount };
    },
  );

  app.get(
    "/card-accounts/:accountId/balances",
    {
      config,
      schema: {
        operationId: "getCardAccountBalances",
        tags: [TAG],
        summary: "Read card account balances",
        description:
          "/v1's figures: `interimBooked` (owed: negative), `interimAvailable` (the credit limit included), `expected`, `closingBooked`.",
        headers,
        params: AccountParams,
        response: { 200: bgJson("The card account's balances.", CardBalancesResponse), ...errors },
      },
    },
    async (request) => {
      const accountId = request.params.accountId;
      await access(request, "balances", accountId);
      const account = await card(accountId);
      return {
        cardAccount: { maskedPan: account.maskedPan!, currency: account.currency },
        balances: await bgBalances(app.db, { tenantId: request.tenantId, accountId, tenantNow: now(request) }),
      };
    },
  );

  app.get(
    "/card-accounts/:accountId/transactions",
    {
      config,
      schema: {
        operationId: "getCardAccountTransactionList",
        tags: [TAG],
        summary: "Read transaction list of a card account",
        description: "The card's statement lines from `dateFrom` to `dateTo`, as for accounts, paged by `_links`.",
        headers,
        params: AccountParams,
        querystring: TransactionsQuery,
        response: { 200: bgJson("The card transactions.", CardTransactionsResponse), ...errors },
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
        throw new BgError(400, "PARAMETER_NOT_SUPPORTED", "Delta reports are not offered: use dateFrom and dateTo.", "deltaList");
      if (!query.dateFrom) throw new BgError(400, "FORMAT_ERROR", "dateFrom is required (YYYY-MM-DD).", "dateFrom");
      const granted = await access(request, "transactions", accountId);
      const account = await card(accountId);
      const cardTransactions = await listBgTransactions(app.db, {
        tenantId: request.tenantId,
        accountId,
        bookingStatus: query.bookingStatus,
        dateFrom: query.dateFrom,
        dateTo: query.dateTo,
        pageIndex: query.pageIndex ?? 0,
        itemsPerPage: query.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
        query: new URLSearchParams(request.url.split("?")[1] ?? ""),
        tenantNow: now(request),
        card: { maskedPan: account.maskedPan! },
      });
      const withBalance = query.withBalance === "true" && granted.rights.get(accountId)?.balances;
      return {
        cardAccount: { maskedPan: account.maskedPan!, currency: account.currency },
        cardTransactions,
        ...(withBalance ? { balances: await bgBalances(app.db, { tenantId: request.tenantId, accountId, tenantNow: now(request) }) } : {}),
      };
    },
  );
};

export default cardAccounts;
