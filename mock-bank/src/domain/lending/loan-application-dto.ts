import type { Prisma } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import type { LoanApplicationDto, LoanOfferDto } from "../../schemas/lending";
import type { Assessment } from "./assess-credit";

export const applicationInclude = {
  offers: { include: { loan: { select: { id: true } } }, orderBy: { id: "asc" } },
} as const satisfies Prisma.BankLoanApplicationInclude;

type ApplicationRow = Prisma.BankLoanApplicationGetPayload<{ include: typeof applicationInclude }>;
type OfferRow = ApplicationRow["offers"][number];

/** The assessment as stored (JSON text): minor units as strings. */
export function serialiseAssessment(assessment: Assessment): string {
  return JSON.stringify(assessment, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
}

/** An offer's status on the tenant clock: accepted, withdrawn (a sibling was accepted), expired or available. */
function offerStatus(offer: OfferRow, siblings: OfferRow[], now: Date): LoanOfferDto["status"] {
  if (offer.status === "accepted") return "accepted";
  if (siblings.some((other) => other.status === "accepted")) return "withdrawn";
  return offer.expiresAt <= now ? "expired" : "available";
}

export function toApplicationDto(row: ApplicationRow, now: Date): LoanApplicationDto {
  const a = JSON.parse(row.assessment) as Record<keyof Assessment, string | number | null>;
  const gbp = (value: string | number | null) => toMoney(BigInt(value ?? 0), row.currency);
  // Offers are stored a millisecond apart in the decision's order (ids are random).
  const offers = [...row.offers].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  return {
    id: row.id,
    customer_id: row.customerId,
    product: "personal_loan",
    amount: toMoney(row.amount, row.currency),
    term_months: row.termMonths,
    purpose: (row.purpose as LoanApplicationDto["purpose"]) ?? null,
    decision: row.decision as LoanApplicationDto["decision"],
    reasons: JSON.parse(row.reasons) as LoanApplicationDto["reasons"],
    assessment: {
      credit_score: Number(a.credit_score),
      score_band: (a.score_band as LoanApplicationDto["assessment"]["score_band"]) ?? null,
      gross_monthly_income: gbp(a.gross_monthly_income),
      net_monthly_income: gbp(a.net_monthly_income),
      housing_costs: gbp(a.housing_costs),
      existing_monthly_debt: gbp(a.existing_monthly_debt),
      living_costs: gbp(a.living_costs),
      debt_to_income: String(a.debt_to_income),
      max_monthly_payment: gbp(a.max_monthly_payment),
    },
    offers: offers.map((offer) => ({
      id: offer.id,
      application_id: row.id,
      status: offerStatus(offer, offers, now),
      amount: toMoney(offer.amount, offer.currency),
      apr: offer.apr,
      term_months: offer.termMonths,
      monthly_payment: toMoney(offer.monthlyPayment, offer.currency),
      total_repayable: toMoney(offer.totalRepayable, offer.currency),
      total_interest: toMoney(offer.totalRepayable - offer.amount, offer.currency),
      expires_at: offer.expiresAt.toISOString(),
      loan_id: offer.loan?.id ?? null,
    })),
    created_at: row.createdAt.toISOString(),
  };
}
