import { formatMinor } from "@openbank/contracts/money";
import { EXAMPLE_LOAN_REQUEST, personaLending } from "../lending/persona-lending";
import { ukIban } from "../../seed/iban";
import { planSeed, SEED_VERSION } from "../../seed/plan-seed";
import { personas } from "../../seed/personas";
import { BANK_CODE, SEED_CURRENCY } from "../../seed/seed-tenant";
import { cashAccountType } from "../berlin-group/psu-accounts";
import { sandboxPassword } from "../oauth/sandbox-password";
import { CUSTOM_CUSTOMER_LIMITS, CustomCustomerDocument } from "../../schemas/sandbox-customers";
import { MAX_CUSTOM_CUSTOMERS } from "../sandbox-customers/create-custom-customer";
import { scenarioCatalog } from "./sandbox-scenario";
import type {
  MagicValue,
  ReferenceLending,
  ReferenceStandardViews,
  SandboxControl,
  SandboxReference,
} from "@openbank/contracts/sandbox-reference";

/**
 * The public reference of the sandbox's test data, served as /sandbox-reference.json and
 * rendered by the portal's "Personas & magic values" page. Built from the seed's own
 * source (personas, plan) and the scenario catalogue, so the page cannot drift from what
 * a tenant gets; only the purposes below are prose, and a test checks they cover every persona.
 */

type Money = { amount: string; currency: string };

/** What each persona is for: the only prose here. */
export const personaPurposes: Record<string, string> = {
  good_credit:
    "A salaried homeowner with years of clean history, a mortgage, monthly savings and a card paid in full. The happy path: affordability, lending and payments that succeed.",
  thin_file:
    "Arrived three months ago: 95 days of history, no overdraft, a £250 credit-builder card and a low score. Test thin-file credit decisions and short histories.",
  overdrawn:
    "Lives in the arranged overdraft (−£742), pays only a fixed minimum on the card, has buy-now-pay-later instalments and overdraft interest. Test affordability declines and insufficient funds.",
  small_business:
    "A limited company: daily card takings and online sales in; payroll, HMRC, rent and suppliers out; a business reserve and a business card. Test business banking and cash-flow views.",
  student:
    "A student with termly loan instalments, small fortnightly wages and a student overdraft in use: irregular income and spending that runs ahead of it.",
  frozen_account:
    "The current account was frozen 21 days ago (a fraud review): it can be read, but it sends and receives nothing (422 `account_frozen`). The savings account and card still work.",
};

const gbp = (minor: bigint): Money => ({ amount: formatMinor(minor, "GBP"), currency: "GBP" });
const pounds = (minor: bigint) =>
  `£${Number(formatMinor(minor, "GBP")).toLocaleString("en-GB", { minimumFractionDigits: minor % 100n === 0n ? 0 : 2 })}`;

function accountNotes(account: {
  type: string;
  status?: string;
  overdraftLimit?: bigint;
  creditLimit?: bigint;
  interestRate?: string;
  bookedBalance: bigint;
}): string[] {
  const notes: string[] = [];
  if (account.status === "frozen") notes.push("Frozen: readable, but payments to and from it are refused (422 `account_frozen`).");
  if (account.type === "current")
    notes.push(account.overdraftLimit ? `Arranged overdraft ${pounds(account.overdraftLimit)}.` : "No overdraft.");
  if (account.type === "current" && account.bookedBalance < 0n) notes.push("Overdrawn.");
  if (account.creditLimit) notes.push(`Credit limit ${pounds(account.creditLimit)}; a negative balance is what is owed.`);
  if (account.interestRate) notes.push(`${account.interestRate}% AER, interest paid monthly.`);
  if (account.type === "credit_card") notes.push("Earns reward points on card purchases: see `GET /v1/accounts/{account_id}/rewards`.");
  return notes;
}

/**
 * How a seeded account appears in the standards, from the same identifiers /v1 shows: UK Open Banking
 * identifies it by sort code + account number (14 digits) and IBAN, a card by its masked PAN; the
 * Berlin Group lists the accounts with an IBAN under /accounts and the credit cards, by masked PAN,
 * under /card-accounts (as its routes do: domain/berlin-group/psu-accounts.ts).
 */
export function standardViews(account: {
  key: string;
  currency: string;
  sortCode?: string;
  accountNumber?: string;
  iban?: string;
  maskedPan?: string;
}): ReferenceStandardViews {
  const identifications: ReferenceStandardViews["uk_open_banking"]["account"] = [];
  if (account.sortCode && account.accountNumber)
    identifications.push({ scheme_name: "UK.OBIE.SortCodeAccountNumber", identification: `${account.sortCode}${account.accountNumber}` });
  if (account.iban) identifications.push({ scheme_name: "UK.OBIE.IBAN", identification: account.iban });
  if (account.maskedPan) identifications.push({ scheme_name: "UK.OBIE.PAN", identification: account.maskedPan });
  return {
    uk_open_banking: { currency: account.currency, account: identifications },
    berlin_group: account.maskedPan
      ? { endpoint: "/card-accounts", currency: account.currency, masked_pan: account.maskedPan }
      : {
          endpoint: "/accounts",
          currency: account.currency,
          iban: account.iban!,
          cash_account_type: cashAccountType(account.key) as "CACC" | "SVGS",
        },
  };
}

function referenceLending(customer: Parameters<typeof personaLending>[0], seededAt: Date): ReferenceLending {
  const { decision, bnplLimit, summary } = personaLending(customer, seededAt);
  return {
    example_request: { amount: gbp(EXAMPLE_LOAN_REQUEST.amount), term_months: EXAMPLE_LOAN_REQUEST.termMonths },
    decision: decision.decision,
    reason_codes: decision.reasons.map((reason) => reason.code),
    offers: decision.offers.map((offer) => ({
      amount: gbp(offer.amount),
      term_months: offer.termMonths,
      apr: offer.apr,
      monthly_payment: gbp(offer.monthlyPayment),
    })),
    bnpl_limit: bnplLimit === null ? null : gbp(bnplLimit),
    summary,
  };
}

/** The reference without the controls (those come from the OpenAPI document). */
export function buildSandboxReference(options: { controls: SandboxControl[]; magicValues: MagicValue[] }): SandboxReference {
  // Balances, amounts and texts of the seed do not depend on its date.
  const seededAt = new Date(0);
  const plan = planSeed(seededAt);
  return {
    seed_version: SEED_VERSION,
    personas: personas.map((spec, index) => ({
      key: spec.persona,
      display_name: [spec.givenName, spec.familyName].filter(Boolean).join(" "),
      kind: spec.kind,
      login: `user_${spec.persona}`,
      password: sandboxPassword(spec.persona),
      email: spec.email,
      purpose: personaPurposes[spec.persona] ?? "",
      credit_score: spec.creditScore,
      annual_income: gbp(spec.annualIncome),
      history_days: spec.historyDays,
      accounts: plan[index].accounts.map((account) => {
        const iban = account.maskedPan === undefined ? ukIban(BANK_CODE, account.sortCode!, account.accountNumber!) : undefined;
        return {
          type: account.key,
          name: account.name,
          currency: SEED_CURRENCY,
          status: account.status ?? "active",
          identifiers:
            account.maskedPan !== undefined
              ? { masked_pan: account.maskedPan }
              : {
                  sort_code: account.sortCode!,
                  account_number: account.accountNumber!,
                  iban: iban!,
                },
          seeded_balance: gbp(account.bookedBalance),
          overdraft_limit: account.key === "current" ? gbp(account.overdraftLimit ?? 0n) : null,
          credit_limit: account.key === "credit_card" ? gbp(account.creditLimit ?? 0n) : null,
          interest_rate: account.interestRate ?? null,
          notes: accountNotes({ ...account, type: account.key }),
          standards: standardViews({
            key: account.key,
            currency: SEED_CURRENCY,
            sortCode: account.sortCode,
            accountNumber: account.accountNumber,
            iban,
            maskedPan: account.maskedPan,
          }),
        };
      }),
      lending: referenceLending(plan[index], seededAt),
    })),
    scenario_header: { name: "Sandbox-Scenario", values: [...scenarioCatalog] },
    magic_values: options.magicValues,
    controls: options.controls,
    custom_customers: {
      endpoint: "POST /v1/sandbox/customers",
      schema: "CustomCustomerDocument",
      login: "user_<handle>",
      password: sandboxPassword("<handle>"),
      limits: {
        accounts: CUSTOM_CUSTOMER_LIMITS.accounts,
        months: CUSTOM_CUSTOMER_LIMITS.months,
        transactions: CUSTOM_CUSTOMER_LIMITS.transactions,
        customers: MAX_CUSTOM_CUSTOMERS,
      },
      example: (CustomCustomerDocument.meta()?.examples as unknown[] | undefined)?.[0] ?? null,
    },
  };
}
