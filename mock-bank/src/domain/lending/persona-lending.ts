import { formatMinor } from "@openbank/contracts/money";
import type { PlannedCustomer } from "../../seed/plan-seed";
import { assessCredit, type CreditDecision } from "./assess-credit";
import { COMMITMENT_WINDOW_DAYS, creditInputs } from "./credit-inputs";
import { bnplLimit } from "./decide-bnpl";

const DAY_MS = 86_400_000;

/** The request the docs show each persona's decision for. */
export const EXAMPLE_LOAN_REQUEST = { amount: 10_000_00n, termMonths: 36 } as const;

export type PersonaLending = { decision: CreditDecision; bnplLimit: bigint | null; summary: string };

/**
 * What a freshly seeded persona gets when applying: computed by the same rules as the API
 * from the seed's own accounts and statements (seededAt is the planned tenant's seeding time).
 */
export function personaLending(plan: PlannedCustomer, seededAt: Date): PersonaLending {
  const since = seededAt.getTime() - COMMITMENT_WINDOW_DAYS * DAY_MS;
  const recentDebits = plan.accounts.flatMap((account) =>
    account.transactions.filter((tx) => tx.bookedAt && tx.bookedAt.getTime() > since && tx.bookedAt <= seededAt && tx.amount < 0n),
  );
  const inputs = creditInputs({
    customer: { kycStatus: "approved", creditScore: plan.creditScore, annualIncome: plan.annualIncome },
    accounts: plan.accounts.map((account) => ({
      type: account.key,
      status: account.status ?? "active",
      bookedBalance: account.bookedBalance,
    })),
    recentDebits,
    loans: [],
  });
  const decision = assessCredit(inputs, EXAMPLE_LOAN_REQUEST);
  const pounds = (minor: bigint) =>
    `£${Number(formatMinor(minor, "GBP")).toLocaleString("en-GB", { minimumFractionDigits: minor % 100n ? 2 : 0 })}`;
  const codes = decision.reasons.map((reason) => `\`${reason.code}\``).join(", ");
  const first = decision.offers[0];
  const summary =
    decision.decision === "declined"
      ? `Declined: ${codes}.`
      : decision.reasons.length
        ? `Approved for less (${codes}): ${pounds(first.amount)} over ${first.termMonths} months at ${first.apr}% APR, ${pounds(first.monthlyPayment)} a month.`
        : `Approved as asked at ${first.apr}% APR, ${pounds(first.monthlyPayment)} a month.`;
  return { decision, bnplLimit: inputs.hasRestrictedAccount ? null : bnplLimit(plan.creditScore), summary };
}
