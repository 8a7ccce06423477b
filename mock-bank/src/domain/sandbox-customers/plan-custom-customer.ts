import type { Prisma } from "@prisma/client";
import type { FieldError } from "@openbank/contracts/errors";
import { stableId } from "@openbank/contracts/ids";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import { ukIban } from "../../seed/iban";
import { HistoryBuilder, startOfUtcDay, type PlannedTransaction } from "../../seed/history-builder";
import { createRng, hashSeed } from "../../seed/prng";
import { personas } from "../../seed/personas";
import { BANK_CODE } from "../../seed/seed-tenant";
import type { CustomCustomerDocumentInput } from "../../schemas/sandbox-customers";
import { CARD_SPENDING_MERCHANTS } from "./card-spending-categories";
import { systemAccountId } from "../ledger/system-accounts";

type Doc = CustomCustomerDocumentInput;
type AccountDoc = Doc["accounts"][number];

const DAY_MS = 86_400_000;
const MONTH_DAYS = 30.4375;
/** Explicit transactions may go back 24 months (731 days) and end yesterday. */
export const WINDOW_DAYS = Math.round(24 * MONTH_DAYS);
/** Every custom account has this sort code; personas have 990011…990016. */
export const CUSTOM_SORT_CODE = "990020";

const CREDIT_SCORES = { excellent: 880, good: 780, fair: 650, poor: 540, thin_file: 560 } as const;
const DEFAULT_REASONS = {
  approved: [],
  review: [{ code: "manual_review_requested", message: "The customer's identity needs a manual check." }],
  rejected: [{ code: "identity_not_verified", message: "The customer's identity could not be verified." }],
} as const;

export type PlannedCustomCustomer = {
  customer: Prisma.BankCustomerCreateManyInput;
  accounts: (Prisma.BankAccountCreateManyInput & { id: string; bookedBalance: bigint; currency: string })[];
  transactions: Prisma.BankTransactionCreateManyInput[];
  /** One opening posting per currency against that currency's opening-balances account. */
  postings: Prisma.BankPostingCreateManyInput[];
  entries: Prisma.BankEntryCreateManyInput[];
  /** What each currency's opening-balances system account moves by. */
  openingMoves: { accountId: string; amount: bigint }[];
};

export type PlanResult = { ok: true; plan: PlannedCustomCustomer } | { ok: false; errors: FieldError[] };

const PERSONA_KEYS = new Set(personas.map((p) => p.persona));

export function isPersonaKey(handle: string): boolean {
  return PERSONA_KEYS.has(handle);
}

/** Eight digits from a hash of the handle and key, moved on past any number already taken in the tenant. */
function allocateNumber(seed: string, taken: Set<string>, digits: number): string {
  for (let attempt = 0; ; attempt++) {
    const value = String(hashSeed(`${seed}:${attempt}`) % 10 ** digits).padStart(digits, "0");
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

/** Minor units of a decimal in a currency, or an error at the pointer (too many decimals). */
function minor(amount: string, currency: string, pointer: string, errors: FieldError[]): bigint {
  const value = parseMinor(amount, currency);
  if (value === null) {
    errors.push({ pointer, detail: `has more decimals than ${currency} allows` });
    return 0n;
  }
  return value;
}

/** The generator's monthly events on a day of the calendar month, inside the window, oldest first. */
function monthlyDates(anchor: Date, months: number, historyDays: number, dayOfMonth: number, hour: number): Date[] {
  const dates: Date[] = [];
  for (let back = months; back >= 0; back--) {
    const at = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - back, dayOfMonth, hour));
    const ago = Math.round((anchor.getTime() - startOfUtcDay(at).getTime()) / DAY_MS);
    if (ago >= 1 && ago <= historyDays) dates.push(at);
  }
  return dates;
}

/** Splits a monthly total into `parts` whole-minor amounts that add up to it exactly. */
function split(total: bigint, parts: number, rng: ReturnType<typeof createRng>): bigint[] {
  const weights = Array.from({ length: parts }, () => 1 + rng.int(0, 9));
  const sum = weights.reduce((a, b) => a + b, 0);
  const amounts = weights.map((w) => (total * BigInt(w)) / BigInt(sum));
  amounts[0] += total - amounts.reduce((a, b) => a + b, 0n);
  return amounts.filter((a) => a > 0n);
}

function generateHistory(
  builder: HistoryBuilder,
  account: AccountDoc,
  generate: Extract<NonNullable<AccountDoc["history"]>, { generate: unknown }>["generate"],
  pointer: string,
  errors: FieldError[],
): void {
  const key = account.type;
  const { anchor, historyDays } = builder;
  const cur = account.currency;
  if (generate.salary) {
    const amount = minor(generate.salary.amount, cur, `${pointer}/salary/amount`, errors);
    for (const at of monthlyDates(anchor, generate.months, historyDays, generate.salary.day_of_month, 6))
      builder.add(key, at, { amount, description: generate.salary.employer.toUpperCase(), category: "salary", channel: "faster_payment" });
  }
  if (generate.rent) {
    const amount = minor(generate.rent.amount, cur, `${pointer}/rent/amount`, errors);
    for (const at of monthlyDates(anchor, generate.months, historyDays, generate.rent.day_of_month, 7))
      builder.add(key, at, {
        amount: -amount,
        description: generate.rent.landlord.toUpperCase(),
        category: "rent",
        channel: "standing_order",
      });
  }
  (generate.subscriptions ?? []).forEach((subscription, i) => {
    const amount = minor(subscription.amount, cur, `${pointer}/subscriptions/${i}/amount`, errors);
    const merchant = { name: subscription.merchant_name, mcc: subscription.merchant_category_code ?? "5968" };
    for (const at of monthlyDates(anchor, generate.months, historyDays, subscription.day_of_month, 8))
      builder.add(key, at, {
        amount: -amount,
        description: merchant.name.toUpperCase(),
        merchant,
        category: "subscriptions",
        channel: "card",
      });
  });
  (generate.card_spending ?? []).forEach((spending, i) => {
    const monthly = minor(spending.monthly_amount, cur, `${pointer}/card_spending/${i}/monthly_amount`, errors);
    const shops = CARD_SPENDING_MERCHANTS[spending.category];
    for (let month = 0; month < generate.months; month++) {
      const parts = builder.rng.int(3, 6);
      for (const amount of split(monthly, parts, builder.rng)) {
        // A day of this month-long slot, 1…historyDays days back.
        const ago = Math.min(historyDays, Math.max(1, Math.round(month * MONTH_DAYS) + builder.rng.int(1, Math.floor(MONTH_DAYS))));
        const merchant = builder.rng.pick(shops);
        builder.add(key, builder.day(ago, builder.rng.int(9, 21), builder.rng.int(0, 59)), {
          amount: -amount,
          description: merchant.name.toUpperCase(),
          merchant,
          category: spending.category,
          channel: "card",
        });
      }
    }
  });
}

/**
 * A custom customer's rows, planned from its document as of `now` (the sandbox clock): pure and
 * deterministic, so a reset rebuilds the same ids, numbers and (relative to its day) history.
 * Rules zod cannot state come back as field errors with pointers under `/body`. `rebuild`
 * skips the window check on explicit dates (a reset may move the clock back before them).
 */
export function planCustomCustomer(options: {
  tenantId: string;
  document: Doc;
  now: Date;
  createdAt: Date;
  /** Account numbers (and card PAN endings) already used in the tenant; extended with the new ones. */
  takenNumbers: Set<string>;
  rebuild?: boolean;
}): PlanResult {
  const { tenantId, document: doc, now, createdAt, takenNumbers } = options;
  const errors: FieldError[] = [];
  const anchor = startOfUtcDay(now);
  const customerId = stableId("customer", tenantId, doc.handle);

  if (new Date(`${doc.identity.date_of_birth}T00:00:00Z`) >= anchor)
    errors.push({ pointer: "/body/identity/date_of_birth", detail: "must be before today" });
  const annualIncome = minor(doc.credit.annual_income, "GBP", "/body/credit/annual_income", errors);
  doc.credit.existing_debts.forEach((debt, i) => {
    minor(debt.balance, "GBP", `/body/credit/existing_debts/${i}/balance`, errors);
    if (debt.monthly_payment) minor(debt.monthly_payment, "GBP", `/body/credit/existing_debts/${i}/monthly_payment`, errors);
  });

  const customer: Prisma.BankCustomerCreateManyInput = {
    id: customerId,
    tenantId,
    persona: null,
    givenName: doc.identity.given_name,
    familyName: doc.identity.family_name,
    email: doc.identity.email ?? `${doc.handle}@example.com`,
    username: `user_${doc.handle}`,
    authScenario: doc.authentication_scenario ?? null,
    dateOfBirth: new Date(`${doc.identity.date_of_birth}T00:00:00Z`),
    creditScore: CREDIT_SCORES[doc.credit.score_band],
    annualIncome,
    kind: "individual",
    kycStatus: doc.kyc.status,
    kycReasons: JSON.stringify(doc.kyc.reasons ?? DEFAULT_REASONS[doc.kyc.status]),
    addressLine1: doc.identity.address.line1,
    city: doc.identity.address.city,
    postcode: doc.identity.address.postcode,
    country: doc.identity.address.country,
    createdAt,
  };

  const accounts: PlannedCustomCustomer["accounts"] = [];
  const transactions: Prisma.BankTransactionCreateManyInput[] = [];
  const seenKeys = new Set<string>();

  doc.accounts.forEach((account, i) => {
    const at = `/body/accounts/${i}`;
    if (seenKeys.has(account.key))
      errors.push({ pointer: `${at}/key`, detail: `another account of this customer has the key ${account.key}` });
    seenKeys.add(account.key);
    if (account.overdraft_limit !== undefined && account.type !== "current")
      errors.push({ pointer: `${at}/overdraft_limit`, detail: "only current accounts have an overdraft" });
    if (account.credit_limit !== undefined && account.type !== "credit_card")
      errors.push({ pointer: `${at}/credit_limit`, detail: "only credit cards have a credit limit" });
    const overdraft =
      account.overdraft_limit && account.type === "current"
        ? minor(account.overdraft_limit, account.currency, `${at}/overdraft_limit`, errors)
        : 0n;
    const credit =
      account.credit_limit && account.type === "credit_card"
        ? minor(account.credit_limit, account.currency, `${at}/credit_limit`, errors)
        : 0n;
    const floor = -(overdraft + credit);
    const opening = minor(account.opening_balance, account.currency, `${at}/opening_balance`, errors);
    if (opening < floor)
      errors.push({
        pointer: `${at}/opening_balance`,
        detail:
          floor === 0n
            ? "must not be negative without an overdraft or credit limit"
            : `is below the account's floor of ${formatMinor(floor, account.currency)}`,
      });

    // Movements, each with the pointer of what made it (for the floor check).
    const history = account.history;
    const moves: { tx: PlannedTransaction; pointer: string }[] = [];
    const months = history && "generate" in history ? history.generate.months : 24;
    const historyDays = Math.round(months * MONTH_DAYS);
    let start = new Date(anchor.getTime() - historyDays * DAY_MS + 1_000);
    if (history && "generate" in history) {
      const builder = new HistoryBuilder(anchor, historyDays, createRng(hashSeed(`${doc.handle}:${account.key}`)));
      generateHistory(builder, account, history.generate, `${at}/history/generate`, errors);
      for (const tx of builder.transactions) moves.push({ tx, pointer: `${at}/history/generate` });
    } else if (history) {
      history.transactions.forEach((t, j) => {
        const p = `${at}/history/transactions/${j}`;
        if (t.amount.currency !== account.currency)
          errors.push({ pointer: `${p}/amount/currency`, detail: `must be the account's currency, ${account.currency}` });
        const amount = minor(t.amount.amount, account.currency, `${p}/amount/amount`, errors);
        if (amount === 0n && parseMinor(t.amount.amount, account.currency) !== null)
          errors.push({ pointer: `${p}/amount/amount`, detail: "must not be zero" });
        const when = new Date(`${t.date}T12:00:00Z`);
        const ago = Math.round((anchor.getTime() - startOfUtcDay(when).getTime()) / DAY_MS);
        if (!options.rebuild && (ago < 1 || ago > WINDOW_DAYS))
          errors.push({ pointer: `${p}/date`, detail: `must be a day from ${WINDOW_DAYS} days ago to yesterday on the sandbox clock` });
        const merchant = t.merchant_name ? { name: t.merchant_name, mcc: t.merchant_category_code ?? "5999" } : null;
        const tx: PlannedTransaction = {
          account: account.type,
          transactedAt: when,
          bookedAt: when,
          amount,
          description: t.description,
          merchant,
          category: t.category ?? "other",
          channel: t.channel ?? "faster_payment",
        };
        moves.push({ tx, pointer: `${p}/amount` });
        if (when.getTime() <= start.getTime()) start = new Date(startOfUtcDay(when).getTime() - DAY_MS + 1_000);
      });
    }

    // The balance never goes below the floor, line by line in booking order (money in first within an instant).
    const booked = moves
      .filter((m) => m.tx.bookedAt !== null)
      .sort(
        (a, b) =>
          a.tx.bookedAt!.getTime() - b.tx.bookedAt!.getTime() || (a.tx.amount > b.tx.amount ? -1 : a.tx.amount < b.tx.amount ? 1 : 0),
      );
    let balance = opening;
    for (const move of booked) {
      balance += move.tx.amount;
      if (balance < floor) {
        const day = move.tx.bookedAt!.toISOString().slice(0, 10);
        const [to, limit] = [formatMinor(balance, account.currency), formatMinor(floor, account.currency)];
        errors.push({ pointer: move.pointer, detail: `takes the balance to ${to} on ${day}, below the account's floor of ${limit}` });
        break;
      }
    }

    const id = stableId("account", tenantId, `${doc.handle}:${account.key}`);
    const isCard = account.type === "credit_card";
    const sortCode = isCard ? null : CUSTOM_SORT_CODE;
    const accountNumber = isCard ? null : allocateNumber(`${doc.handle}:${account.key}`, takenNumbers, 8);
    const lines: PlannedTransaction[] = [
      ...(opening === 0n
        ? []
        : [
            {
              account: account.type,
              transactedAt: start,
              bookedAt: start,
              amount: opening,
              description: "Opening balance",
              merchant: null,
              category: "opening_balance",
              channel: "transfer" as const,
            },
          ]),
      ...moves.map((m) => m.tx).sort((a, b) => a.transactedAt.getTime() - b.transactedAt.getTime()),
    ];
    const bookedBalance = lines.reduce((sum, tx) => (tx.bookedAt ? sum + tx.amount : sum), 0n);
    accounts.push({
      id,
      tenantId,
      customerId,
      type: account.type,
      name:
        account.name ??
        account.product ??
        { current: "Current account", savings: "Savings account", credit_card: "Credit card" }[account.type],
      currency: account.currency,
      status: "active",
      iban: sortCode && accountNumber ? ukIban(BANK_CODE, sortCode, accountNumber) : null,
      sortCode,
      accountNumber,
      maskedPan: isCard ? `535522******${allocateNumber(`pan:${doc.handle}:${account.key}`, takenNumbers, 4)}` : null,
      bookedBalance,
      overdraftLimit: overdraft,
      creditLimit: credit,
      interestRate: null,
      openedAt: start,
      createdAt,
    });
    lines.forEach((tx, index) =>
      transactions.push({
        id: stableId("transaction", tenantId, `${doc.handle}:${account.key}:${index}`),
        tenantId,
        accountId: id,
        amount: tx.amount,
        currency: account.currency,
        status: tx.bookedAt ? "booked" : "pending",
        description: tx.description,
        merchantName: tx.merchant?.name ?? null,
        merchantCategoryCode: tx.merchant?.mcc ?? null,
        category: tx.category,
        channel: tx.channel,
        transactedAt: tx.transactedAt,
        bookedAt: tx.bookedAt,
        createdAt,
      }),
    );
  });
  if (errors.length > 0) return { ok: false, errors };

  // The opening-ledger approach of the seed: each booked balance is one entry against the currency's opening-balances account.
  const postings: PlannedCustomCustomer["postings"] = [];
  const entries: PlannedCustomCustomer["entries"] = [];
  const openingMoves: PlannedCustomCustomer["openingMoves"] = [];
  for (const currency of [...new Set(accounts.map((a) => a.currency))]) {
    const legs = accounts.filter((a) => a.currency === currency && a.bookedBalance !== 0n);
    if (legs.length === 0) continue;
    const postingId = stableId("posting", tenantId, `${doc.handle}:opening:${currency}`);
    const total = legs.reduce((sum, a) => sum + a.bookedBalance, 0n);
    const opening = systemAccountId(tenantId, "opening", currency);
    postings.push({ id: postingId, tenantId, kind: "opening", reference: null, postedAt: createdAt, createdAt });
    for (const leg of [...legs.map((a) => ({ accountId: a.id, amount: a.bookedBalance })), { accountId: opening, amount: -total }])
      entries.push({
        id: stableId("entry", tenantId, `${doc.handle}:opening:${leg.accountId}`),
        tenantId,
        postingId,
        accountId: leg.accountId,
        amount: leg.amount,
        currency,
        createdAt,
      });
    openingMoves.push({ accountId: opening, amount: -total });
  }
  return { ok: true, plan: { customer, accounts, transactions, postings, entries, openingMoves } };
}
