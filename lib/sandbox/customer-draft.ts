/**
 * The customer editor's form state, and the CustomCustomerDocument it builds (the bank's
 * `POST /v1/sandbox/customers` body, schema `CustomCustomerDocument` in the sandbox reference).
 * Empty optional fields are left out, so the document is what a developer would write by hand.
 */

export const KYC_STATUSES = ["approved", "review", "rejected"] as const;
export const SCORE_BANDS = ["excellent", "good", "fair", "poor", "thin_file"] as const;
export const ACCOUNT_TYPES = ["current", "savings", "credit_card"] as const;
export const CURRENCIES = ["GBP", "EUR", "USD"] as const;
export const DEBT_TYPES = ["mortgage", "loan", "credit_card", "overdraft", "bnpl", "student_loan", "other"] as const;
export const CARD_CATEGORIES = ["groceries", "eating_out", "coffee", "transport", "shopping", "entertainment"] as const;
export const SCENARIOS = [
  "approve",
  "one_time_code",
  "decoupled",
  "authentication_failed",
  "account_locked",
  "session_timeout",
  "partial_grant",
] as const;

export type AccountDraft = {
  key: string;
  type: (typeof ACCOUNT_TYPES)[number];
  currency: (typeof CURRENCIES)[number];
  product: string;
  opening_balance: string;
  /** Overdraft (current) or credit limit (credit card); unused for savings. */
  limit: string;
  generate: boolean;
  months: string;
  salary: { amount: string; day_of_month: string; employer: string };
  rent: { amount: string; day_of_month: string; landlord: string };
  /** Monthly card spending per category; empty ones are left out. */
  spending: Partial<Record<(typeof CARD_CATEGORIES)[number], string>>;
};

export type DebtDraft = { type: (typeof DEBT_TYPES)[number]; lender: string; balance: string; monthly_payment: string };

export type CustomerDraft = {
  handle: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  email: string;
  line1: string;
  city: string;
  postcode: string;
  country: string;
  kyc_status: (typeof KYC_STATUSES)[number];
  score_band: (typeof SCORE_BANDS)[number];
  annual_income: string;
  debts: DebtDraft[];
  authentication_scenario: (typeof SCENARIOS)[number];
  accounts: AccountDraft[];
};

export function newAccountDraft(index: number): AccountDraft {
  return {
    key: index === 0 ? "current" : `account_${index + 1}`,
    type: "current",
    currency: "GBP",
    product: index === 0 ? "Everyday Current Account" : "",
    opening_balance: index === 0 ? "500.00" : "0.00",
    limit: "",
    generate: index === 0,
    months: "6",
    salary: { amount: index === 0 ? "2400.00" : "", day_of_month: "25", employer: index === 0 ? "ACME LTD" : "" },
    rent: { amount: index === 0 ? "950.00" : "", day_of_month: "1", landlord: index === 0 ? "City Lettings" : "" },
    spending: index === 0 ? { groceries: "300.00", eating_out: "120.00" } : {},
  };
}

export function newCustomerDraft(): CustomerDraft {
  return {
    handle: "",
    given_name: "",
    family_name: "",
    date_of_birth: "1990-01-15",
    email: "",
    line1: "1 High Street",
    city: "London",
    postcode: "EC1A 1BB",
    country: "GB",
    kyc_status: "approved",
    score_band: "good",
    annual_income: "32000.00",
    debts: [],
    authentication_scenario: "approve",
    accounts: [newAccountDraft(0)],
  };
}

const optional = (value: string) => (value.trim() === "" ? undefined : value.trim());
const day = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : value);

function accountDocument(account: AccountDraft) {
  const limit = optional(account.limit);
  const spending = CARD_CATEGORIES.flatMap((category) => {
    const amount = optional(account.spending[category] ?? "");
    return amount ? [{ category, monthly_amount: amount }] : [];
  });
  return {
    key: account.key.trim(),
    type: account.type,
    currency: account.currency,
    product: optional(account.product),
    opening_balance: account.opening_balance.trim(),
    overdraft_limit: account.type === "current" ? limit : undefined,
    credit_limit: account.type === "credit_card" ? limit : undefined,
    history: account.generate
      ? {
          generate: {
            months: day(account.months),
            salary: optional(account.salary.amount)
              ? {
                  amount: account.salary.amount.trim(),
                  day_of_month: day(account.salary.day_of_month),
                  employer: account.salary.employer.trim(),
                }
              : undefined,
            rent: optional(account.rent.amount)
              ? { amount: account.rent.amount.trim(), day_of_month: day(account.rent.day_of_month), landlord: account.rent.landlord.trim() }
              : undefined,
            card_spending: spending.length > 0 ? spending : undefined,
          },
        }
      : undefined,
  };
}

/** The document the form describes, with undefined members dropped (as JSON.stringify would). */
export function toCustomerDocument(draft: CustomerDraft) {
  const document = {
    handle: draft.handle.trim(),
    identity: {
      given_name: draft.given_name.trim(),
      family_name: draft.family_name.trim(),
      date_of_birth: draft.date_of_birth,
      email: optional(draft.email),
      address: { line1: draft.line1.trim(), city: draft.city.trim(), postcode: draft.postcode.trim(), country: draft.country.trim() },
    },
    kyc: { status: draft.kyc_status },
    credit: {
      score_band: draft.score_band,
      annual_income: draft.annual_income.trim(),
      existing_debts: draft.debts.map((debt) => ({
        type: debt.type,
        lender: optional(debt.lender),
        balance: debt.balance.trim(),
        monthly_payment: optional(debt.monthly_payment),
      })),
    },
    authentication_scenario: draft.authentication_scenario,
    accounts: draft.accounts.map(accountDocument),
  };
  return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}
