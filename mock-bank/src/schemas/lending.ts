import { z } from "zod";
import { Count, InputText, Money, NAME_MAX, ResourceId, Text, Timestamp } from "./common";
import { Cursor, Limit, pageOf } from "./pagination";
import { exampleIds } from "./example-run";

const Apr = z
  .string()
  .regex(/^\d{1,3}\.\d{2}$/)
  .describe("Representative APR in percent (annual, compound), e.g. `6.40`.")
  .meta({ examples: ["6.40"] });

const GbpAmount = z
  .strictObject({
    amount: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,2})?$/, "must be a positive decimal string such as 5000.00")
      .describe("Decimal string in pounds, e.g. `5000.00`."),
    currency: z.literal("GBP").describe("Loans and plans are in GBP."),
  })
  .meta({ id: "GbpAmount", description: "A positive amount in GBP.", examples: [{ amount: "5000.00", currency: "GBP" }] });

/** Personal loans run 12 to 60 months; a plan has 3 or 4 instalments. */
const TermMonths = z.number().int().min(12).max(60);
const MAX_INSTALMENTS = 60;

export const LoanPurpose = z
  .enum(["debt_consolidation", "home_improvement", "car", "wedding", "holiday", "other"])
  .describe("What the loan is for.");

export const CreateLoanApplicationBody = z
  .strictObject({
    customer_id: ResourceId.describe("The applicant: a seeded persona or a customer from `POST /v1/customers`."),
    amount: GbpAmount.describe("How much to borrow: 1000.00 to 25000.00 GBP."),
    term_months: TermMonths.describe("Over how many months to repay: 12 to 60."),
    purpose: LoanPurpose.optional(),
  })
  .meta({
    description: "A personal-loan application.",
    examples: [
      { customer_id: exampleIds.customerId, amount: { amount: "10000.00", currency: "GBP" }, term_months: 36, purpose: "home_improvement" },
    ],
  });

export type CreateLoanApplicationInput = z.infer<typeof CreateLoanApplicationBody>;

export const DecisionReason = z
  .object({
    code: z
      .enum([
        "kyc_not_approved",
        "no_credit_file",
        "credit_score_too_low",
        "account_restricted",
        "existing_arrears",
        "debt_to_income_too_high",
        "unaffordable",
        "amount_above_band_limit",
        "requested_payment_unaffordable",
      ])
      .describe(
        "Stable machine-readable reason. Declines: `kyc_not_approved`, `no_credit_file`, `credit_score_too_low`, `account_restricted`, `existing_arrears`, `debt_to_income_too_high`, `unaffordable`. Approvals that differ from the request: `amount_above_band_limit`, `requested_payment_unaffordable`.",
      ),
    message: Text(500),
  })
  .meta({ id: "LoanDecisionReason", description: "Why an application was declined, or why its offers differ from what was asked." });

export const LoanOfferStatus = z
  .enum(["available", "accepted", "expired", "withdrawn"])
  .describe("`expired` after `expires_at` (sandbox clock); `withdrawn` once another offer of the same application was accepted.");

export const LoanOffer = z
  .object({
    id: ResourceId.meta({ examples: ["lof_2bXq9kM4VtR1nP7sLc3eYd"] }),
    application_id: ResourceId,
    status: LoanOfferStatus,
    amount: Money.describe("What would be lent (and disbursed)."),
    apr: Apr,
    term_months: TermMonths,
    monthly_payment: Money.describe(
      "The level monthly instalment (standard amortisation, rounded to the penny); the last one absorbs the rounding.",
    ),
    total_repayable: Money.describe("Every instalment added up."),
    total_interest: Money,
    expires_at: Timestamp.describe("Accept before this time (sandbox clock): 30 days after the decision."),
    loan_id: ResourceId.nullable().describe("The loan opened when this offer was accepted."),
  })
  .meta({ id: "LoanOffer", description: "A loan we would make: accept it with `POST /v1/loans/offers/{offer_id}/accept`." });

export type LoanOfferDto = z.infer<typeof LoanOffer>;

export const CreditAssessment = z
  .object({
    credit_score: z.number().int().min(0).max(999).describe("Bureau score, 0–999 (0: no credit file)."),
    score_band: z
      .enum(["excellent", "very_good", "good", "fair"])
      .nullable()
      .describe("Sets the APR and the largest loan; null below 580."),
    gross_monthly_income: Money,
    net_monthly_income: Money.describe("75 % of gross: a stand-in for tax and National Insurance."),
    housing_costs: Money.describe("Rent or mortgage per month, from the last 30 days of statements."),
    existing_monthly_debt: Money.describe(
      "Credit commitments per month: 3 % of card balances (at least £25) and of overdraft in use, instalments of loans and plans with us, other lenders' repayments seen on the statements.",
    ),
    living_costs: Money.describe("A flat allowance per month."),
    // A ratio to income, so unbounded in principle: as many digits as a number prints before exponents.
    debt_to_income: z
      .string()
      .regex(/^\d{1,21}\.\d{2}$/)
      .describe("Housing and credit commitments as a percentage of gross monthly income, before the new loan."),
    max_monthly_payment: Money.describe("The largest new monthly instalment we consider affordable."),
  })
  .meta({ id: "CreditAssessment", description: "The inputs and affordability figures the decision used." });

export const LoanApplication = z
  .object({
    id: ResourceId.meta({ examples: ["lap_7cNw3pQ8ZsK2mR5tHd1fXa"] }),
    customer_id: ResourceId,
    product: z.literal("personal_loan"),
    amount: Money.describe("What was asked for."),
    term_months: TermMonths,
    purpose: LoanPurpose.nullable(),
    decision: z.enum(["approved", "declined"]),
    reasons: z
      .array(DecisionReason)
      .max(DecisionReason.shape.code.options.length)
      .describe("Why it was declined, or why the offers differ from the request; empty when the request was approved as asked."),
    assessment: CreditAssessment,
    offers: z
      .array(LoanOffer)
      .max(3)
      .describe("One to three offers when approved, the request itself first when affordable; empty when declined."),
    created_at: Timestamp,
  })
  .meta({ id: "LoanApplication", description: "A credit decision on a personal-loan application." });

export type LoanApplicationDto = z.infer<typeof LoanApplication>;

export const ApplicationParams = z.object({
  application_id: ResourceId.describe("Application id (`lap_…`), from `POST /v1/loans/applications`.").meta({
    examples: [exampleIds.loanApplicationId],
  }),
});
export const OfferParams = z.object({
  offer_id: ResourceId.describe("Offer id (`lof_…`), from an application's `offers`.").meta({ examples: [exampleIds.loanOfferId] }),
});
export const LoanParams = z.object({
  loan_id: ResourceId.describe("Loan id (`loan_…`), from accepting an offer or `GET /v1/loans`.").meta({ examples: [exampleIds.loanId] }),
});
export const PlanParams = z.object({
  plan_id: ResourceId.describe("Plan id (a loan id, `loan_…`), from `POST /v1/bnpl/plans`.").meta({ examples: [exampleIds.bnplPlanId] }),
});

export const AcceptOfferBody = z
  .strictObject({
    disbursement_account_id: ResourceId.describe(
      "A current account of the applicant: the money is paid into it, and the instalments are collected from it.",
    ),
  })
  .meta({ description: "Where to pay the loan.", examples: [{ disbursement_account_id: exampleIds.accountId }] });

export const Instalment = z
  .object({
    sequence: z.number().int().min(1).max(MAX_INSTALMENTS),
    due_at: Timestamp.describe("Collected when the sandbox clock passes it."),
    amount: Money,
    principal: Money,
    interest: Money,
    status: z
      .enum(["scheduled", "paid", "missed"])
      .describe("`missed` when the account could not pay it; retried every time the clock moves."),
    paid_at: Timestamp.nullable(),
    failed_attempts: Count,
  })
  .meta({ id: "LoanInstalment", description: "One line of a repayment schedule." });

export const LoanKind = z
  .enum(["personal_loan", "bnpl"])
  .describe("`personal_loan` from an accepted offer, `bnpl` a buy-now-pay-later plan.");
export const LoanStatus = z
  .enum(["active", "in_arrears", "paid_off"])
  .describe("`in_arrears` while an instalment is missed; `paid_off` after the last one.");

export const Loan = z
  .object({
    id: ResourceId.meta({ examples: ["loan_5dPr8mW2XtQ9kL3nVb7cZe"] }),
    kind: LoanKind,
    customer_id: ResourceId,
    status: LoanStatus,
    account_id: ResourceId.describe("The loan's own account (type `loan`): its negative booked balance is what is owed."),
    repayment_account_id: ResourceId.describe("The current account instalments are collected from (and a personal loan was paid into)."),
    offer_id: ResourceId.nullable(),
    principal: Money,
    apr: Apr,
    instalment_count: z.number().int().min(1).max(MAX_INSTALMENTS),
    frequency: z.enum(["monthly", "fortnightly"]),
    instalment_amount: Money.describe("The regular instalment; the last one may differ by the rounding."),
    total_repayable: Money,
    outstanding_balance: Money.describe("Principal still owed."),
    amount_paid: Money.describe("Instalments paid so far, interest included."),
    next_instalment: Instalment.nullable().describe("The earliest unpaid instalment; null when paid off."),
    merchant_name: Text(NAME_MAX).nullable().describe("BNPL: who was paid."),
    description: Text(140).nullable(),
    schedule: z.array(Instalment).max(MAX_INSTALMENTS),
    created_at: Timestamp,
    paid_off_at: Timestamp.nullable(),
  })
  .meta({ id: "Loan", description: "A personal loan or a buy-now-pay-later plan with its repayment schedule." });

export type LoanDto = z.infer<typeof Loan>;
export type InstalmentDto = z.infer<typeof Instalment>;

export const LoanList = pageOf(Loan, "LoanList", "A page of loans and plans, newest first.");

export const RepayLoanBody = z
  .strictObject({
    amount: GbpAmount.optional().describe("An overpayment, less than the settlement figure. Omit it to settle the loan in full."),
  })
  .meta({
    description: "An early repayment: overpay (`amount`) or settle in full (no amount).",
    examples: [{ amount: { amount: "500.00", currency: "GBP" } }, {}],
  });

export const ListLoansQuery = z.strictObject({
  kind: LoanKind.optional()
    .describe("Only loans of this kind.")
    .meta({ examples: ["personal_loan"] }),
  status: LoanStatus.optional()
    .describe("Only loans in this status.")
    .meta({ examples: ["active"] }),
  customer_id: ResourceId.optional().describe("Only this customer's loans."),
  limit: Limit,
  cursor: Cursor.optional(),
});

export const ListPlansQuery = ListLoansQuery.omit({ kind: true });

export const CreateBnplPlanBody = z
  .strictObject({
    account_id: ResourceId.describe(
      "The customer's current account: the first instalment is collected from it at once, the others every two weeks.",
    ),
    merchant_name: InputText(1, NAME_MAX).describe("The shop being paid (in full, at once)."),
    purchase_amount: GbpAmount.describe("The purchase: 30.00 to 2000.00 GBP."),
    instalments: z
      .union([z.literal(3), z.literal(4)])
      .default(4)
      .describe("3 or 4 interest-free instalments, fortnightly, the first at purchase."),
    description: InputText(1, 140).optional().describe("What was bought."),
  })
  .meta({
    description: "A purchase to split into instalments.",
    examples: [
      {
        account_id: exampleIds.accountId,
        merchant_name: "Northwind Furniture",
        purchase_amount: { amount: "480.00", currency: "GBP" },
        instalments: 4,
        description: "Oak side table",
      },
    ],
  });

export type CreateBnplPlanInput = z.infer<typeof CreateBnplPlanBody>;
