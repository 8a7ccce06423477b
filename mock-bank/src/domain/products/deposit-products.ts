import { grossRateFromAer } from "./interest-maths";

/**
 * The bank's deposit products. Rates live here, in code, like a bank's published rate sheet:
 * an account opened with a product keeps the product's AER (BankAccount.interestRate).
 */

export type DepositProductType = "current" | "savings" | "fixed_term";
export type InterestPaid = "none" | "monthly" | "at_maturity";
export type Access = "instant" | "instant_with_penalty" | "at_maturity";

export type DepositProduct = {
  id: string;
  type: DepositProductType;
  name: string;
  description: string;
  currencies: readonly ("GBP" | "EUR" | "USD")[];
  /** Percent, two decimals. */
  aer: string;
  grossRate: string;
  interestPaid: InterestPaid;
  termMonths: number | null;
  /** Minor units; the opening deposit must be at least this (0: none needed). */
  minDeposit: bigint;
  /** Minor units: the most the opening deposit may be; null = no maximum. */
  maxDeposit: bigint | null;
  access: Access;
  /** Notice savers: days of interest charged on an amount withdrawn without notice. */
  penaltyDays: number | null;
  /** Accepts payments in after opening. */
  acceptsDeposits: boolean;
};

const pounds = (amount: number) => BigInt(amount) * 100n;

export const depositProducts: readonly DepositProduct[] = [
  {
    id: "current_account",
    type: "current",
    name: "Current Account",
    description: "An everyday account with a debit card, Faster Payments and direct debits. No interest.",
    currencies: ["GBP", "EUR", "USD"],
    aer: "0.00",
    grossRate: "0.00",
    interestPaid: "none",
    termMonths: null,
    minDeposit: 0n,
    maxDeposit: null,
    access: "instant",
    penaltyDays: null,
    acceptsDeposits: true,
  },
  {
    id: "easy_access_saver",
    type: "savings",
    name: "Easy Access Saver",
    description:
      "Variable-rate savings with unlimited withdrawals. Interest is calculated daily on the end-of-day balance and paid on the first of each month.",
    currencies: ["GBP"],
    aer: "4.10",
    grossRate: grossRateFromAer("4.10", { paymentsPerYear: 12 }),
    interestPaid: "monthly",
    termMonths: null,
    minDeposit: 0n,
    maxDeposit: pounds(1_000_000),
    access: "instant",
    penaltyDays: null,
    acceptsDeposits: true,
  },
  {
    id: "currency_saver",
    type: "savings",
    name: "Currency Saver",
    description: "Holds euros or US dollars for customers who earn or spend them, with instant access. Pays no interest.",
    currencies: ["EUR", "USD"],
    aer: "0.00",
    grossRate: "0.00",
    interestPaid: "none",
    termMonths: null,
    minDeposit: 0n,
    maxDeposit: null,
    access: "instant",
    penaltyDays: null,
    acceptsDeposits: true,
  },
  {
    id: "notice_saver_95",
    type: "savings",
    name: "95 Day Notice Saver",
    description:
      "A higher variable rate for money you can leave. Interest is calculated daily and paid monthly. Withdrawals are possible at once, but each one is charged 95 days' interest on the amount withdrawn (the 'Early access charge' line).",
    currencies: ["GBP"],
    aer: "4.60",
    grossRate: grossRateFromAer("4.60", { paymentsPerYear: 12 }),
    interestPaid: "monthly",
    termMonths: null,
    minDeposit: pounds(1_000),
    maxDeposit: pounds(1_000_000),
    access: "instant_with_penalty",
    penaltyDays: 95,
    acceptsDeposits: true,
  },
  {
    id: "fixed_term_1y",
    type: "fixed_term",
    name: "1 Year Fixed Rate Bond",
    description:
      "A fixed rate for 12 months. Funded once, from another of the customer's accounts, when it opens; no further deposits and no withdrawals until it matures. Interest is calculated daily and paid into the bond at maturity.",
    currencies: ["GBP"],
    aer: "4.50",
    grossRate: grossRateFromAer("4.50", { termYears: 1 }),
    interestPaid: "at_maturity",
    termMonths: 12,
    minDeposit: pounds(1_000),
    maxDeposit: pounds(250_000),
    access: "at_maturity",
    penaltyDays: null,
    acceptsDeposits: false,
  },
  {
    id: "fixed_term_2y",
    type: "fixed_term",
    name: "2 Year Fixed Rate Bond",
    description:
      "A fixed rate for 24 months. Funded once when it opens; no further deposits and no withdrawals until it matures. Interest is calculated daily and paid into the bond at maturity (the gross rate is lower than the AER because it does not compound).",
    currencies: ["GBP"],
    aer: "4.30",
    grossRate: grossRateFromAer("4.30", { termYears: 2 }),
    interestPaid: "at_maturity",
    termMonths: 24,
    minDeposit: pounds(1_000),
    maxDeposit: pounds(250_000),
    access: "at_maturity",
    penaltyDays: null,
    acceptsDeposits: false,
  },
];

/** The product an account of a legacy `type` opens as: savings in euros or dollars go to the Currency Saver. */
export function defaultProductFor(type: "current" | "savings", currency: string): string {
  if (type === "current") return "current_account";
  return currency === "GBP" ? "easy_access_saver" : "currency_saver";
}

export function findDepositProduct(id: string): DepositProduct | undefined {
  return depositProducts.find((product) => product.id === id);
}
