import { parseMinor } from "@openbank/contracts/money";
import { startOfUtcDay, type HistoryBuilder } from "../../seed/history-builder";
import type { CustomCustomerDocumentInput } from "../../schemas/sandbox-customers";
import { CARD_SPENDING_MERCHANTS } from "../sandbox-customers/card-spending-categories";
import type { LiveSubject } from "./generate-live-day";

type Generate = Extract<NonNullable<CustomCustomerDocumentInput["accounts"][number]["history"]>, { generate: unknown }>["generate"];

const MONTH_DAYS = 30.4375;
/** Card purchases a month per spending category, on average: the custom generator splits a month into 3…6. */
const PURCHASES_PER_MONTH = 4.5;

/** Whether a monthly event on `dayOfMonth` falls on `date` (as the seed generator counts: 31 in a 30-day month runs over). */
function isMonthlyDay(date: Date, dayOfMonth: number): boolean {
  for (const back of [0, 1]) {
    const at = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, dayOfMonth);
    if (at === date.getTime()) return true;
  }
  return false;
}

/**
 * The live-activity subject of one custom account with a generator, continuing its
 * generated history: the salary, rent and subscriptions on their day of the month (at the
 * generator's hours), and each card-spending category as about PURCHASES_PER_MONTH purchases
 * a month around its monthly amount, at the category's merchants. Its history writes to the
 * builder's "current" key, which the caller maps to this account.
 */
export function customAccountSubject(handle: string, account: { key: string; currency: string }, generate: Generate): LiveSubject {
  const money = (amount: string) => parseMinor(amount, account.currency) ?? 0n;
  return {
    key: `${handle}:${account.key}`,
    quiet: [],
    history(b: HistoryBuilder) {
      const [d] = b.days;
      const day = startOfUtcDay(b.day(d, 0));
      const at = (hour: number, minute = 0) => new Date(day.getTime() + (hour * 60 + minute) * 60_000);
      if (generate.salary && isMonthlyDay(day, generate.salary.day_of_month))
        b.add("current", at(6), {
          amount: money(generate.salary.amount),
          description: generate.salary.employer.toUpperCase(),
          category: "salary",
          channel: "faster_payment",
        });
      if (generate.rent && isMonthlyDay(day, generate.rent.day_of_month))
        b.add("current", at(7), {
          amount: -money(generate.rent.amount),
          description: generate.rent.landlord.toUpperCase(),
          category: "rent",
          channel: "standing_order",
        });
      for (const subscription of generate.subscriptions ?? []) {
        if (!isMonthlyDay(day, subscription.day_of_month)) continue;
        const merchant = { name: subscription.merchant_name, mcc: subscription.merchant_category_code ?? "5968" };
        b.add("current", at(8), {
          amount: -money(subscription.amount),
          description: merchant.name.toUpperCase(),
          merchant,
          category: "subscriptions",
          channel: "card",
        });
      }
      for (const spending of generate.card_spending ?? []) {
        if (!b.rng.chance(PURCHASES_PER_MONTH / MONTH_DAYS)) continue;
        const average = Number(money(spending.monthly_amount)) / PURCHASES_PER_MONTH;
        const amount = BigInt(Math.max(1, Math.round(average * (0.5 + b.rng.next()))));
        const merchant = b.rng.pick(CARD_SPENDING_MERCHANTS[spending.category]);
        b.add("current", at(b.rng.int(9, 21), b.rng.int(0, 59)), {
          amount: -amount,
          description: merchant.name.toUpperCase(),
          merchant,
          category: spending.category,
          channel: "card",
        });
      }
    },
  };
}

/** The subjects of a stored custom customer: one per account with a generator. */
export function customSubjects(document: CustomCustomerDocumentInput): { accountKey: string; subject: LiveSubject }[] {
  return document.accounts.flatMap((account) =>
    account.history && "generate" in account.history
      ? [{ accountKey: account.key, subject: customAccountSubject(document.handle, account, account.history.generate) }]
      : [],
  );
}
