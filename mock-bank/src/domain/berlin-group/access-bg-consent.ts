import type { BankConsent, PrismaClient } from "@prisma/client";
import type { ConsentsInput } from "../../schemas/berlin-group/consents";
import { BgError } from "./bg-errors";
import { bgConsentStatus, isoDay, readDetails, writeDetails } from "./bg-details";
import { accessKind } from "./create-bg-consent";
import { accountKey, bgAccountWhere, bgCardWhere, referenceKey } from "./psu-accounts";

export type AisService = "accountList" | "account" | "balances" | "transactions";

/** What a valid consent lets the TPP read of each account it covers. */
export type AccountRights = { details: boolean; balances: boolean; transactions: boolean; ownerName: boolean };

export type ConsentUse = { consent: BankConsent; accountIds: string[]; rights: Map<string, AccountRights>; listWithBalances: boolean };

/** Optimistic updates of a consent's usage counter may collide; a few retries settle them. */
const RETRIES = 10;

/**
 * The Consent-ID of an account call, judged as NextGenPSD2 says: one of this TPP's account-
 * information consents (else CONSENT_UNKNOWN, 403), `valid` on the tenant clock (CONSENT_INVALID
 * for one not yet authorised, refused or terminated; CONSENT_EXPIRED, both 401), covering the
 * service and account asked for (CONSENT_INVALID). Calls without the PSU (no PSU-IP-Address)
 * count against `frequencyPerDay`, per account and endpoint per day of the sandbox clock
 * (ACCESS_EXCEEDED, 429, once used up).
 */
export async function accessBgConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  service: AisService;
  accountId?: string;
  /** The card-accounts endpoints: the account must be a card account. */
  cards?: boolean;
  psuInvolved: boolean;
  tenantNow: Date;
}): Promise<ConsentUse> {
  const { db, tenantId, appId, consentId, service, accountId, psuInvolved, tenantNow } = options;
  const cards = options.cards ?? false;
  const found = await db.bankConsent.findFirst({
    where: { id: consentId, tenantId, appId, standard: "berlin_group", kind: "account_access" },
  });
  if (!found) throw new BgError(403, "CONSENT_UNKNOWN", `No consent ${consentId} of this TPP.`, "Consent-ID");
  let consent: BankConsent = found;
  const status = bgConsentStatus(consent, tenantNow);
  if (status === "expired")
    throw new BgError(401, "CONSENT_EXPIRED", `Consent ${consentId} has expired (sandbox clock): create a new one.`, "Consent-ID");
  if (status !== "valid") {
    const why =
      status === "received"
        ? "is not authorised yet: the PSU must authorise it first"
        : status === "rejected"
          ? "was rejected"
          : status === "terminatedByTpp"
            ? "was terminated by the TPP"
            : "was revoked by the PSU";
    throw new BgError(401, "CONSENT_INVALID", `Consent ${consentId} ${why}.`, "Consent-ID");
  }

  const input = readDetails<ConsentsInput>(consent.details).body;
  const kind = accessKind(input.access);
  const accountIds = JSON.parse(consent.accountIds) as string[];
  const rows = await db.bankAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, iban: true, maskedPan: true } });
  const listed = (list: { iban?: string; maskedPan?: string }[] | undefined) => new Set((list ?? []).map(referenceKey));
  const [balances, transactions, owners] = [
    listed(input.access.balances),
    listed(input.access.transactions),
    listed(input.access.additionalInformation?.ownerName),
  ];
  const all = kind === "allPsd2";
  const listOnly = kind === "availableAccounts" || kind === "availableAccountsWithBalance";
  const withOwner = [input.access.availableAccounts, input.access.availableAccountsWithBalance, input.access.allPsd2].includes(
    "allAccountsWithOwnerName",
  );
  const rights = new Map<string, AccountRights>(
    rows.map((row) => [
      row.id,
      {
        details: !listOnly,
        balances: all || balances.has(accountKey(row)),
        transactions: all || transactions.has(accountKey(row)),
        ownerName: withOwner || owners.has(accountKey(row)),
      },
    ]),
  );

  if (accountId) {
    const exists = await db.bankAccount.count({ where: { ...(cards ? bgCardWhere : bgAccountWhere), id: accountId, tenantId } });
    if (!exists)
      throw new BgError(404, "RESOURCE_UNKNOWN", `No ${cards ? "card " : ""}account ${accountId} in this sandbox.`, "account-id");
    const own = rights.get(accountId);
    if (!own) {
      throw new BgError(401, "CONSENT_INVALID", `Consent ${consentId} does not cover account ${accountId}.`, "Consent-ID");
    }
    const allowed = service === "account" ? own.details : service === "balances" ? own.balances : own.transactions;
    if (!allowed)
      throw new BgError(
        401,
        "CONSENT_INVALID",
        `Consent ${consentId} does not give access to the ${service === "account" ? "details" : service} of account ${accountId}.`,
        "Consent-ID",
      );
  }

  // Count the access, and remember the day of the last action.
  const day = isoDay(tenantNow);
  const key = `${cards ? "card-" : ""}${service}:${accountId ?? "*"}`;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const { body, state } = readDetails<ConsentsInput>(consent.details);
    const usage = state.usage?.day === day ? state.usage : { day, counts: {} };
    if (!psuInvolved) {
      const used = usage.counts[key] ?? 0;
      if (used >= body.frequencyPerDay)
        throw new BgError(
          429,
          "ACCESS_EXCEEDED",
          `Consent ${consentId} allows ${body.frequencyPerDay} access${body.frequencyPerDay === 1 ? "" : "es"} a day to this endpoint${accountId ? ` of account ${accountId}` : ""} without the PSU (sandbox day ${day}). Send PSU-IP-Address when the PSU asks.`,
        );
      usage.counts = { ...usage.counts, [key]: used + 1 };
    }
    const details = writeDetails(body, { ...state, usage, lastActionDate: day });
    const { count } = await db.bankConsent.updateMany({ where: { id: consent.id, details: consent.details }, data: { details } });
    if (count === 1) break;
    consent = await db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } });
    if (attempt === RETRIES - 1) throw new BgError(409, "STATUS_INVALID", "The consent is in use by too many calls at once; retry.");
  }
  return { consent, accountIds, rights, listWithBalances: kind === "availableAccountsWithBalance" };
}
