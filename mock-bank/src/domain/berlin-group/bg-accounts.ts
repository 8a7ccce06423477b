import type { PrismaClient } from "@prisma/client";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import { getBalances } from "../accounts/get-balances";
import { BG_BASE } from "./bg-details";
import { bgAccountWhere, bgCardWhere, cashAccountType } from "./psu-accounts";
import type { AccountRights } from "./access-bg-consent";

/** The sandbox bank's BIC (its IBANs carry bank code OBSX). */
export const SANDBOX_BIC = "OBSXGB2L";

const productNames: Record<string, string> = {
  current: "Current account",
  savings: "Savings account",
  fixed_term: "Fixed-term deposit",
};

export type BgBalance = {
  balanceAmount: { currency: string; amount: string };
  balanceType: "closingBooked" | "expected" | "interimAvailable" | "interimBooked";
  creditLimitIncluded?: boolean;
  referenceDate?: string;
  lastChangeDateTime?: string;
};

const DAY_MS = 86_400_000;

/**
 * An account's balances in NextGenPSD2 terms, from the same figures /v1 reports
 * (domain/accounts/get-balances): `interimBooked` = /v1's booked, `interimAvailable` = its
 * available (the arranged overdraft included), `expected` = booked + pending, and `closingBooked`
 * = the booked balance at the end of the sandbox's yesterday (today's booked lines taken off).
 */
export async function bgBalances(
  db: PrismaClient,
  options: { tenantId: string; accountId: string; tenantNow: Date },
): Promise<BgBalance[]> {
  const { tenantId, accountId, tenantNow } = options;
  const balances = await getBalances({ db, tenantId, accountId, asOf: tenantNow });
  const currency = balances.currency;
  const minor = (amount: string) => parseMinor(amount, currency)!;
  const today = new Date(Date.parse(`${tenantNow.toISOString().slice(0, 10)}T00:00:00Z`));
  const todays = await db.bankTransaction.aggregate({
    where: { tenantId, accountId, status: "booked", bookedAt: { gte: today } },
    _sum: { amount: true },
  });
  const booked = minor(balances.booked.amount);
  const money = (value: bigint) => ({ currency, amount: formatMinor(value, currency) });
  // Available includes the arranged overdraft (current accounts) or the credit limit (cards).
  const limit = minor((balances.overdraft_limit ?? balances.credit_limit ?? { amount: "0" }).amount);
  return [
    {
      balanceType: "closingBooked",
      balanceAmount: money(booked - (todays._sum.amount ?? 0n)),
      referenceDate: new Date(today.getTime() - DAY_MS).toISOString().slice(0, 10),
    },
    {
      balanceType: "interimBooked",
      balanceAmount: money(booked),
      referenceDate: today.toISOString().slice(0, 10),
      lastChangeDateTime: tenantNow.toISOString(),
    },
    {
      balanceType: "interimAvailable",
      balanceAmount: money(minor(balances.available.amount)),
      creditLimitIncluded: limit > 0n,
      referenceDate: today.toISOString().slice(0, 10),
    },
    {
      balanceType: "expected",
      balanceAmount: money(booked + minor(balances.pending.amount)),
      referenceDate: today.toISOString().slice(0, 10),
    },
  ];
}

/** An account as `accountDetails`: resourceId = our `acc_…` id, its IBAN and BBAN, links to what the consent allows. */
export async function bgAccountDetails(
  db: PrismaClient,
  options: {
    tenantId: string;
    accountIds: string[];
    rights: Map<string, AccountRights>;
    /** The accounts whose balances come with them (withBalance, where the consent gives balances). */
    withBalance: Set<string>;
    tenantNow: Date;
  },
) {
  const rows = await db.bankAccount.findMany({
    where: { ...bgAccountWhere, tenantId: options.tenantId, id: { in: options.accountIds } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      iban: true,
      currency: true,
      name: true,
      type: true,
      status: true,
      customer: { select: { givenName: true, familyName: true, kind: true } },
    },
  });
  return Promise.all(
    rows.map(async (row) => {
      const rights = options.rights.get(row.id)!;
      const links: Record<string, { href: string }> = {};
      if (rights.balances) links.balances = { href: `${BG_BASE}/accounts/${row.id}/balances` };
      if (rights.transactions) links.transactions = { href: `${BG_BASE}/accounts/${row.id}/transactions` };
      return {
        resourceId: row.id,
        iban: row.iban!,
        bban: row.iban!.slice(4),
        currency: row.currency,
        name: row.name.slice(0, 70),
        product: (productNames[row.type] ?? row.type).slice(0, 35),
        cashAccountType: cashAccountType(row.type),
        status: row.status === "frozen" ? ("blocked" as const) : ("enabled" as const),
        bic: SANDBOX_BIC,
        usage: row.customer?.kind === "business" ? ("ORGA" as const) : ("PRIV" as const),
        ...(rights.ownerName && row.customer ? { ownerName: `${row.customer.givenName} ${row.customer.familyName}`.slice(0, 140) } : {}),
        ...(options.withBalance.has(row.id)
          ? { balances: await bgBalances(db, { tenantId: options.tenantId, accountId: row.id, tenantNow: options.tenantNow }) }
          : {}),
        ...(Object.keys(links).length ? { _links: links } : {}),
      };
    }),
  );
}

/** A credit card as `cardAccountDetails`: resourceId = our `acc_…` id, its masked PAN, credit limit and links. */
export async function bgCardAccountDetails(
  db: PrismaClient,
  options: { tenantId: string; accountIds: string[]; rights: Map<string, AccountRights>; withBalance: Set<string>; tenantNow: Date },
) {
  const rows = await db.bankAccount.findMany({
    where: { ...bgCardWhere, tenantId: options.tenantId, id: { in: options.accountIds } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      maskedPan: true,
      currency: true,
      name: true,
      status: true,
      creditLimit: true,
      customer: { select: { givenName: true, familyName: true, kind: true } },
    },
  });
  return Promise.all(
    rows.map(async (row) => {
      const rights = options.rights.get(row.id)!;
      const links: Record<string, { href: string }> = {};
      if (rights.balances) links.balances = { href: `${BG_BASE}/card-accounts/${row.id}/balances` };
      if (rights.transactions) links.transactions = { href: `${BG_BASE}/card-accounts/${row.id}/transactions` };
      return {
        resourceId: row.id,
        maskedPan: row.maskedPan!,
        currency: row.currency,
        name: row.name.slice(0, 70),
        product: "Credit card",
        status: row.status === "frozen" ? ("blocked" as const) : ("enabled" as const),
        usage: row.customer?.kind === "business" ? ("ORGA" as const) : ("PRIV" as const),
        creditLimit: { currency: row.currency, amount: formatMinor(row.creditLimit, row.currency) },
        ...(rights.ownerName && row.customer ? { ownerName: `${row.customer.givenName} ${row.customer.familyName}`.slice(0, 140) } : {}),
        ...(options.withBalance.has(row.id)
          ? { balances: await bgBalances(db, { tenantId: options.tenantId, accountId: row.id, tenantNow: options.tenantNow }) }
          : {}),
        ...(Object.keys(links).length ? { _links: links } : {}),
      };
    }),
  );
}
