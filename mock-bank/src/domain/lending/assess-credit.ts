import { formatMinor } from "@openbank/contracts/money";
import { buildSchedule, monthlyRate, principalFor } from "./amortisation";

/**
 * The sandbox's automated credit decision for a personal loan: pure, so the rules are unit
 * tested and the docs can show each persona's outcome from the same code. Money is GBP minor
 * units. Every threshold below is documented in the API description and the sandbox reference.
 */

export const LOAN_MIN_AMOUNT = 1_000_00n;
export const LOAN_MAX_AMOUNT = 25_000_00n;
export const LOAN_MIN_TERM = 12;
export const LOAN_MAX_TERM = 60;
/** Offers can be accepted for this long (tenant clock). */
export const OFFER_VALID_DAYS = 30;
/** Below this bureau score (0–999) we do not lend. A score of 0 means no credit file at all. */
export const MIN_CREDIT_SCORE = 580;
/** Take-home pay as a share of gross income: a flat stand-in for tax and National Insurance. */
export const NET_INCOME_PERCENT = 75n;
/** Monthly living costs every applicant is assumed to have (food, travel, bills), per ONS-style budgets. */
export const LIVING_COSTS = 700_00n;
/** Housing and credit commitments may take at most this share of gross monthly income, the new loan included. */
export const MAX_DEBT_TO_INCOME_PERCENT = 50n;
/** Minimum monthly payment assumed on revolving debt (card balances, overdraft in use). */
export const REVOLVING_PAYMENT_PERCENT = 3n;
/** Card minimum payment floor (or the whole balance if less). */
export const CARD_MINIMUM_PAYMENT = 25_00n;
/** Offered amounts are rounded down to this step. */
const AMOUNT_STEP = 100_00n;

export type ScoreBand = { band: "excellent" | "very_good" | "good" | "fair"; minScore: number; apr: string; maxAmount: bigint };

/** Representative APR and the largest loan per score band: better scores borrow more, for less. */
export const SCORE_BANDS: readonly ScoreBand[] = [
  { band: "excellent", minScore: 800, apr: "6.40", maxAmount: 25_000_00n },
  { band: "very_good", minScore: 740, apr: "8.90", maxAmount: 25_000_00n },
  { band: "good", minScore: 660, apr: "12.90", maxAmount: 15_000_00n },
  { band: "fair", minScore: MIN_CREDIT_SCORE, apr: "24.90", maxAmount: 5_000_00n },
];

export function scoreBand(score: number): ScoreBand | null {
  return SCORE_BANDS.find((band) => score >= band.minScore) ?? null;
}

export type DeclineCode =
  | "kyc_not_approved"
  | "no_credit_file"
  | "credit_score_too_low"
  | "account_restricted"
  | "existing_arrears"
  | "debt_to_income_too_high"
  | "unaffordable";
export type AdjustmentCode = "amount_above_band_limit" | "requested_payment_unaffordable";
export type Reason = { code: DeclineCode | AdjustmentCode; message: string };

export type CreditInputs = {
  kycStatus: string;
  creditScore: number;
  /** Gross, minor units. */
  annualIncome: bigint;
  /** Rent or mortgage per month. */
  housingCosts: bigint;
  /** Credit commitments per month (cards, overdraft, loans, BNPL). */
  monthlyDebt: bigint;
  /** A loan or BNPL plan of this bank in arrears. */
  hasArrears: boolean;
  /** One of the customer's accounts is frozen (e.g. a fraud review). */
  hasRestrictedAccount: boolean;
};

export type OfferTerms = { amount: bigint; termMonths: number; apr: string; monthlyPayment: bigint; totalRepayable: bigint };

export type Assessment = {
  credit_score: number;
  score_band: ScoreBand["band"] | null;
  gross_monthly_income: bigint;
  net_monthly_income: bigint;
  housing_costs: bigint;
  existing_monthly_debt: bigint;
  living_costs: bigint;
  /** Percent of gross monthly income already committed to housing and debt, two decimals. */
  debt_to_income: string;
  /** The largest new monthly payment the applicant can afford (0 when none). */
  max_monthly_payment: bigint;
};

export type CreditDecision = { decision: "approved" | "declined"; reasons: Reason[]; assessment: Assessment; offers: OfferTerms[] };

const pounds = (minor: bigint) => `£${formatMinor(minor, "GBP")}`;
const percent = (part: bigint, whole: bigint) => (whole > 0n ? (Number((part * 10_000n) / whole) / 100).toFixed(2) : "100.00");

export function offerTerms(amount: bigint, termMonths: number, apr: string): OfferTerms {
  const schedule = buildSchedule(amount, monthlyRate(apr), termMonths);
  return { amount, termMonths, apr, monthlyPayment: schedule.payment, totalRepayable: schedule.totalRepayable };
}

/** What an applicant can repay each month: the lower of what is left after costs and the debt-to-income headroom. */
export function maxMonthlyPayment(inputs: CreditInputs): { gross: bigint; net: bigint; payment: bigint } {
  const gross = inputs.annualIncome / 12n;
  const net = (gross * NET_INCOME_PERCENT) / 100n;
  const disposable = net - inputs.housingCosts - inputs.monthlyDebt - LIVING_COSTS;
  const headroom = (gross * MAX_DEBT_TO_INCOME_PERCENT) / 100n - inputs.housingCosts - inputs.monthlyDebt;
  const payment = disposable < headroom ? disposable : headroom;
  return { gross, net, payment: payment > 0n ? payment : 0n };
}

/** The largest amount (in £100 steps, within the band's limit) whose instalment fits the affordable payment. */
function maxAmountAt(termMonths: number, band: ScoreBand, payment: bigint): bigint {
  const affordable = (principalFor(payment, monthlyRate(band.apr), termMonths) / AMOUNT_STEP) * AMOUNT_STEP;
  const cap = affordable < band.maxAmount ? affordable : band.maxAmount;
  // Rounding of the level payment can add a penny: step down until it truly fits.
  let amount = cap;
  while (amount >= LOAN_MIN_AMOUNT && offerTerms(amount, termMonths, band.apr).monthlyPayment > payment) amount -= AMOUNT_STEP;
  return amount;
}

/**
 * Decides a personal-loan application. Declines list every reason that applies; approvals
 * carry one to three offers: the request as asked plus a longer and a shorter term when it is
 * affordable, otherwise the most we can lend over the requested term and the requested amount
 * over the shortest longer term that fits (with reasons saying why the request itself was not offered).
 */
export function assessCredit(inputs: CreditInputs, request: { amount: bigint; termMonths: number }): CreditDecision {
  const band = scoreBand(inputs.creditScore);
  const { gross, net, payment } = maxMonthlyPayment(inputs);
  const committed = inputs.housingCosts + inputs.monthlyDebt;
  const assessment: Assessment = {
    credit_score: inputs.creditScore,
    score_band: band?.band ?? null,
    gross_monthly_income: gross,
    net_monthly_income: net,
    housing_costs: inputs.housingCosts,
    existing_monthly_debt: inputs.monthlyDebt,
    living_costs: LIVING_COSTS,
    debt_to_income: percent(committed, gross),
    max_monthly_payment: payment,
  };

  const declines: Reason[] = [];
  if (inputs.kycStatus !== "approved")
    declines.push({
      code: "kyc_not_approved",
      message: `The customer's identity verification is ${inputs.kycStatus}; we lend only to approved customers.`,
    });
  if (inputs.creditScore <= 0)
    declines.push({
      code: "no_credit_file",
      message: "The credit bureau has no file for this customer, so we cannot assess how they manage credit.",
    });
  else if (!band)
    declines.push({
      code: "credit_score_too_low",
      message: `Credit score ${inputs.creditScore} is below our minimum of ${MIN_CREDIT_SCORE}.`,
    });
  if (inputs.hasRestrictedAccount)
    declines.push({
      code: "account_restricted",
      message: "One of the customer's accounts is frozen pending a review; we cannot lend until it is resolved.",
    });
  if (inputs.hasArrears) declines.push({ code: "existing_arrears", message: "An existing loan or instalment plan with us is in arrears." });
  if (gross <= 0n) {
    declines.push({ code: "unaffordable", message: "No income is on record for this customer." });
  } else if (committed * 100n >= gross * MAX_DEBT_TO_INCOME_PERCENT) {
    declines.push({
      code: "debt_to_income_too_high",
      message: `Housing and credit commitments (${pounds(committed)} a month) already take ${assessment.debt_to_income}% of gross monthly income (${pounds(gross)}); our limit is ${MAX_DEBT_TO_INCOME_PERCENT}%.`,
    });
  }

  const maxOverLongest = band && !declines.length ? maxAmountAt(LOAN_MAX_TERM, band, payment) : 0n;
  if (!declines.length && maxOverLongest < LOAN_MIN_AMOUNT) {
    declines.push({
      code: "unaffordable",
      message: `After housing, credit commitments and living costs, ${pounds(payment)} a month is left: not enough to repay even ${pounds(LOAN_MIN_AMOUNT)} over ${LOAN_MAX_TERM} months.`,
    });
  }
  if (declines.length || !band) return { decision: "declined", reasons: declines, assessment, offers: [] };

  const fits = (amount: bigint, term: number) => amount <= band.maxAmount && offerTerms(amount, term, band.apr).monthlyPayment <= payment;
  if (fits(request.amount, request.termMonths)) {
    const offers = [offerTerms(request.amount, request.termMonths, band.apr)];
    if (request.termMonths + 12 <= LOAN_MAX_TERM) offers.push(offerTerms(request.amount, request.termMonths + 12, band.apr));
    if (request.termMonths - 12 >= LOAN_MIN_TERM && fits(request.amount, request.termMonths - 12))
      offers.push(offerTerms(request.amount, request.termMonths - 12, band.apr));
    return { decision: "approved", reasons: [], assessment, offers };
  }

  const reasons: Reason[] = [];
  if (request.amount > band.maxAmount) {
    reasons.push({
      code: "amount_above_band_limit",
      message: `With a credit score of ${inputs.creditScore} (${band.band.replace("_", " ")}) we lend up to ${pounds(band.maxAmount)}.`,
    });
  } else {
    const asked = offerTerms(request.amount, request.termMonths, band.apr).monthlyPayment;
    reasons.push({
      code: "requested_payment_unaffordable",
      message: `${pounds(request.amount)} over ${request.termMonths} months costs ${pounds(asked)} a month; the customer can afford ${pounds(payment)}.`,
    });
  }
  const offers: OfferTerms[] = [];
  const reduced = maxAmountAt(request.termMonths, band, payment);
  if (reduced >= LOAN_MIN_AMOUNT) offers.push(offerTerms(reduced, request.termMonths, band.apr));
  if (request.amount <= band.maxAmount) {
    for (let term = request.termMonths + 1; term <= LOAN_MAX_TERM; term++) {
      if (fits(request.amount, term)) {
        offers.push(offerTerms(request.amount, term, band.apr));
        break;
      }
    }
  }
  if (!offers.length || (offers.length === 1 && maxOverLongest > offers[0].amount && offers[0].termMonths !== LOAN_MAX_TERM)) {
    offers.push(offerTerms(maxOverLongest, LOAN_MAX_TERM, band.apr));
  }
  return { decision: "approved", reasons, assessment, offers };
}
