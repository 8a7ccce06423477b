import { formatMinor } from "@openbank/contracts/money";

/** Buy-now-pay-later: a soft decision at checkout, interest-free, by score and what is already owed on plans. */
export const BNPL_MIN_PURCHASE = 30_00n;
export const BNPL_MAX_PURCHASE = 2_000_00n;
/** Days between instalments; the first is collected at purchase. */
export const BNPL_INTERVAL_DAYS = 14;
/** Below this score (1–999) plans are declined; 0 (no credit file) gets the starter limit. */
export const BNPL_MIN_SCORE = 500;

/** The most a customer may owe on plans at once, by credit score. */
export const BNPL_LIMITS: readonly { minScore: number; limit: bigint; label: string }[] = [
  { minScore: 750, limit: 2_000_00n, label: "750 and above" },
  { minScore: 650, limit: 1_000_00n, label: "650–749" },
  { minScore: BNPL_MIN_SCORE, limit: 500_00n, label: "500–649" },
];
/** Customers without a credit file (score 0, e.g. onboarded through POST /v1/customers) start small. */
export const BNPL_NO_FILE_LIMIT = 250_00n;

export type BnplDeclineCode = "kyc_not_approved" | "account_restricted" | "existing_arrears" | "credit_score_too_low" | "over_plan_limit";

export function bnplLimit(score: number): bigint | null {
  if (score <= 0) return BNPL_NO_FILE_LIMIT;
  return BNPL_LIMITS.find((tier) => score >= tier.minScore)?.limit ?? null;
}

/**
 * Approves a plan or says why not. `outstanding` is what the customer still owes on other
 * plans; the purchase plus that must fit the score's limit. The first reason that applies wins.
 */
export function decideBnpl(inputs: {
  kycStatus: string;
  creditScore: number;
  hasArrears: boolean;
  hasRestrictedAccount: boolean;
  outstanding: bigint;
  purchase: bigint;
}): { approved: true; limit: bigint } | { approved: false; code: BnplDeclineCode; message: string } {
  if (inputs.kycStatus !== "approved")
    return { approved: false, code: "kyc_not_approved", message: `the customer's identity verification is ${inputs.kycStatus}.` };
  if (inputs.hasRestrictedAccount)
    return { approved: false, code: "account_restricted", message: "one of the customer's accounts is frozen pending a review." };
  if (inputs.hasArrears)
    return { approved: false, code: "existing_arrears", message: "a loan or plan with us is in arrears: pay the missed instalment first." };
  const limit = bnplLimit(inputs.creditScore);
  if (limit === null)
    return { approved: false, code: "credit_score_too_low", message: `credit score ${inputs.creditScore} is below ${BNPL_MIN_SCORE}.` };
  if (inputs.outstanding + inputs.purchase > limit) {
    const left = limit > inputs.outstanding ? limit - inputs.outstanding : 0n;
    return {
      approved: false,
      code: "over_plan_limit",
      message: `the plan limit is £${formatMinor(limit, "GBP")} and £${formatMinor(inputs.outstanding, "GBP")} is owed on other plans: at most £${formatMinor(left, "GBP")} can be split now.`,
    };
  }
  return { approved: true, limit };
}
