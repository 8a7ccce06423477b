import type { CreditInputs } from "./assess-credit";
import { CARD_MINIMUM_PAYMENT, REVOLVING_PAYMENT_PERCENT } from "./assess-credit";

/** Booked debits of this long before the decision show the customer's regular commitments. */
export const COMMITMENT_WINDOW_DAYS = 30;
/** Statement categories that are housing costs. */
export const HOUSING_CATEGORIES = ["rent", "mortgage"] as const;
/** Statement categories that are repayments to other lenders (a credit file would show them too). */
export const CREDIT_CATEGORIES = ["buy_now_pay_later", "loan_repayment", "car_finance"] as const;

export type AccountSnapshot = { type: string; status: string; bookedBalance: bigint };
export type RecentDebit = { category: string; amount: bigint };
export type ExistingLoan = { status: string; frequency: string; instalmentAmount: bigint };

/** Monthly equivalent of a regular instalment. */
function monthly(loan: ExistingLoan): bigint {
  return loan.frequency === "fortnightly" ? (loan.instalmentAmount * 26n) / 12n : loan.instalmentAmount;
}

/**
 * The credit decision's inputs from what the bank holds: the customer's score and income,
 * minimum payments on card balances and overdraft in use (3 % a month, cards at least £25),
 * instalments of the bank's own loans and plans, and rent, mortgage and other lenders'
 * repayments seen in the last 30 days of statements. Pure: the API and the docs share it.
 */
export function creditInputs(options: {
  customer: { kycStatus: string; creditScore: number; annualIncome: bigint };
  accounts: AccountSnapshot[];
  recentDebits: RecentDebit[];
  loans: ExistingLoan[];
}): CreditInputs {
  const { customer, accounts, recentDebits, loans } = options;
  let monthlyDebt = 0n;
  for (const account of accounts) {
    const owed = account.bookedBalance < 0n ? -account.bookedBalance : 0n;
    if (!owed) continue;
    const revolving = (owed * REVOLVING_PAYMENT_PERCENT) / 100n;
    if (account.type === "credit_card")
      monthlyDebt += revolving > CARD_MINIMUM_PAYMENT ? revolving : owed < CARD_MINIMUM_PAYMENT ? owed : CARD_MINIMUM_PAYMENT;
    if (account.type === "current") monthlyDebt += revolving;
  }
  for (const loan of loans) if (loan.status !== "paid_off") monthlyDebt += monthly(loan);
  let housingCosts = 0n;
  for (const debit of recentDebits) {
    const amount = debit.amount < 0n ? -debit.amount : 0n;
    if ((HOUSING_CATEGORIES as readonly string[]).includes(debit.category)) housingCosts += amount;
    if ((CREDIT_CATEGORIES as readonly string[]).includes(debit.category)) monthlyDebt += amount;
  }
  return {
    kycStatus: customer.kycStatus,
    creditScore: customer.creditScore,
    annualIncome: customer.annualIncome,
    housingCosts,
    monthlyDebt,
    hasArrears: loans.some((loan) => loan.status === "in_arrears"),
    hasRestrictedAccount: accounts.some((account) => account.type !== "loan" && account.status === "frozen"),
  };
}
