import type { BankConsent, BankScaAuthorisation, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { CONSENT_DAYS } from "../consents/create-consent";
import type { ConsentsInput } from "../../schemas/berlin-group/consents";
import { BgError } from "./bg-errors";
import { isoDay, writeDetails, type BgState } from "./bg-details";
import { accountKey, bgAccountWhere, bgCardWhere, referenceKey } from "./psu-accounts";
import { createAuthorisation } from "./sca-authorisation";
import type { ScaRequest } from "./sca-request";

/** How a consent names its accounts (NextGenPSD2 §6.3): by IBAN, left to the PSU, or all of them. */
export type AccessKind = "dedicated" | "bankOffered" | "availableAccounts" | "availableAccountsWithBalance" | "allPsd2";

/** The guidelines' limit on accesses per day without the PSU, "if not otherwise agreed bilaterally". */
export const MAX_FREQUENCY_PER_DAY = 4;

const DAY_MS = 86_400_000;

type Access = ConsentsInput["access"];

export function accessKind(access: Access): AccessKind | null {
  const lists = [access.accounts, access.balances, access.transactions];
  const named = lists.some((list) => list?.length);
  const global = [access.availableAccounts, access.availableAccountsWithBalance, access.allPsd2].filter(Boolean).length;
  if (named) return global ? null : "dedicated";
  if (global > 1) return null;
  if (access.allPsd2) return "allPsd2";
  if (access.availableAccountsWithBalance) return "availableAccountsWithBalance";
  if (access.availableAccounts) return "availableAccounts";
  // A bank-offered consent: the three lists present and empty.
  return lists.every((list) => list && list.length === 0) ? "bankOffered" : null;
}

/** The accounts a dedicated consent names (by referenceKey), with where each first appears (for `path` in errors). */
function namedReferences(access: Access): Map<string, string> {
  const found = new Map<string, string>();
  for (const list of ["accounts", "balances", "transactions"] as const)
    (access[list] ?? []).forEach((reference, index) => {
      const path = `access.${list}[${index}]`;
      const key = referenceKey(reference);
      if (!key) throw new BgError(400, "FORMAT_ERROR", `${path}: name a payment account by iban, or a card account by maskedPan.`, path);
      if (!found.has(key)) found.set(key, `${path}.${reference.iban ? "iban" : "maskedPan"}`);
    });
  for (const [index, reference] of (access.additionalInformation?.ownerName ?? []).entries())
    if (!found.has(referenceKey(reference) ?? ""))
      throw new BgError(
        400,
        "FORMAT_ERROR",
        "access.additionalInformation.ownerName: name accounts that are also in accounts, balances or transactions.",
        `access.additionalInformation.ownerName[${index}]`,
      );
  return found;
}

/**
 * POST /v1/consents: an account-information consent awaiting the PSU's authorisation
 * (`received`), and, unless the TPP prefers to start it explicitly, its first authorisation.
 * Dedicated accounts must be accounts of this sandbox's customers, all of one PSU; `validUntil`
 * is held to 90 days on the tenant clock; a one-off consent has `frequencyPerDay` 1.
 */
export async function createBgConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  input: ConsentsInput;
  sca: ScaRequest;
  tenantNow: Date;
}): Promise<{ consent: BankConsent; authorisation: BankScaAuthorisation | null }> {
  const { db, tenantId, appId, input, sca, tenantNow } = options;
  const kind = accessKind(input.access);
  if (!kind)
    throw new BgError(
      400,
      "FORMAT_ERROR",
      "access: name accounts (accounts, balances, transactions), or send the three lists empty (bank-offered), or one of availableAccounts, availableAccountsWithBalance, allPsd2 alone.",
      "access",
    );
  if (kind === "bankOffered" && sca.approach === "EMBEDDED")
    throw new BgError(
      400,
      "FORMAT_ERROR",
      "A bank-offered consent (empty account lists) needs the PSU on the bank's page: use REDIRECT or DECOUPLED, not EMBEDDED.",
      "access",
    );
  if (!input.recurringIndicator && input.frequencyPerDay !== 1)
    throw new BgError(400, "FORMAT_ERROR", "A one-off consent (recurringIndicator false) has frequencyPerDay 1.", "frequencyPerDay");
  if (input.frequencyPerDay > MAX_FREQUENCY_PER_DAY)
    throw new BgError(400, "FORMAT_ERROR", `frequencyPerDay is at most ${MAX_FREQUENCY_PER_DAY} in this sandbox.`, "frequencyPerDay");

  const today = isoDay(tenantNow);
  if (input.validUntil < today)
    throw new BgError(400, "FORMAT_ERROR", `validUntil ${input.validUntil} has passed (the sandbox's today is ${today}).`, "validUntil");
  const latest = isoDay(new Date(Date.parse(`${today}T00:00:00Z`) + CONSENT_DAYS * DAY_MS));
  const validUntil = input.validUntil > latest ? latest : input.validUntil;

  let accountIds: string[] = [];
  let ownerId: string | null = null;
  if (kind === "dedicated") {
    const named = namedReferences(input.access);
    const keys = [...named.keys()];
    const select = { id: true, iban: true, maskedPan: true, customerId: true, currency: true } as const;
    const rows = [
      ...(await db.bankAccount.findMany({
        where: { ...bgAccountWhere, tenantId, iban: { in: keys.filter((key) => key.startsWith("iban:")).map((key) => key.slice(5)) } },
        select,
      })),
      ...(await db.bankAccount.findMany({
        where: { ...bgCardWhere, tenantId, maskedPan: { in: keys.filter((key) => key.startsWith("pan:")).map((key) => key.slice(4)) } },
        select,
      })),
    ];
    const byKey = new Map(rows.map((row) => [accountKey(row), row]));
    for (const [key, path] of named) {
      if (!byKey.has(key))
        throw new BgError(
          400,
          "RESOURCE_UNKNOWN",
          key.startsWith("iban:")
            ? `No payment account with IBAN ${key.slice(5)} in this sandbox.`
            : `No card account ${key.slice(4)} in this sandbox.`,
          path,
        );
    }
    if (new Set(rows.map((row) => row.maskedPan).filter(Boolean)).size !== rows.filter((row) => row.maskedPan).length)
      throw new BgError(400, "FORMAT_ERROR", "A masked PAN names more than one card here: name payment accounts by IBAN.", "access");
    for (const list of ["accounts", "balances", "transactions"] as const)
      (input.access[list] ?? []).forEach((reference, index) => {
        const account = byKey.get(referenceKey(reference)!)!;
        if (reference.currency && reference.currency !== account.currency)
          throw new BgError(
            400,
            "FORMAT_ERROR",
            `The account ${reference.iban ?? reference.maskedPan} holds ${account.currency}, not ${reference.currency}.`,
            `access.${list}[${index}].currency`,
          );
      });
    const owners = new Set(rows.map((row) => row.customerId));
    if (owners.size > 1)
      throw new BgError(
        400,
        "FORMAT_ERROR",
        "A consent covers the accounts of one PSU: these IBANs belong to different customers.",
        "access",
      );
    ownerId = rows[0].customerId;
    accountIds = rows.map((row) => row.id).sort();
  }
  if (sca.psuId) {
    const psu = await db.bankCustomer.findFirst({ where: { tenantId, username: sca.psuId }, select: { id: true } });
    if (!psu)
      throw new BgError(
        400,
        "FORMAT_ERROR",
        `PSU-ID ${sca.psuId} is not a customer of this sandbox (user_<persona>, e.g. user_good_credit).`,
        "PSU-ID",
      );
    if (ownerId && psu.id !== ownerId) throw new BgError(400, "FORMAT_ERROR", `The accounts named are not ${sca.psuId}'s.`, "PSU-ID");
  }

  const permissions =
    kind === "dedicated"
      ? (["accounts", "balances", "transactions"] as const).filter((list) => list === "accounts" || input.access[list]?.length)
      : kind === "bankOffered"
        ? ["accounts", "balances", "transactions"]
        : [kind];
  const body = { ...input, validUntil };
  const state: BgState = {
    ...(sca.redirect ? { redirect: sca.redirect } : {}),
    ...(sca.psuId ? { psuId: sca.psuId } : {}),
    lastActionDate: today,
  };
  return db.$transaction(async (tx) => {
    const consent = await tx.bankConsent.create({
      data: {
        id: newId("consent"),
        tenantId,
        appId,
        customerId: null,
        permissions: JSON.stringify(permissions),
        accountIds: JSON.stringify(accountIds),
        status: "awaiting_authorisation",
        source: "client",
        standard: "berlin_group",
        kind: "account_access",
        details: writeDetails(body, state),
        createdAt: tenantNow,
        statusUpdatedAt: tenantNow,
        // The last valid day, inclusive: the consent ends at the next midnight (tenant clock, UTC).
        expiresAt: new Date(Date.parse(`${validUntil}T00:00:00Z`) + DAY_MS),
      },
    });
    if (sca.explicit) return { consent, authorisation: null };
    const authorisation = await createAuthorisation(tx, { consent, purpose: "authorisation", sca, now: tenantNow });
    return { consent: await tx.bankConsent.findUniqueOrThrow({ where: { id: consent.id } }), authorisation };
  });
}
