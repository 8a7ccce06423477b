import { formatMinor } from "@openbank/contracts/money";
import type { MagicValue } from "@openbank/contracts/sandbox-reference";
import { MAX_AGE, MAX_SINGLE_TRIP_DAYS } from "../insurance/travel-pricing";
import { modelPortfolios, RISK_PROFILES } from "../investments/model-portfolios";
import { CASHBACK_PER_STEP, REDEMPTION_STEP, SUPERMARKET_MCCS } from "../rewards/reward-rules";
import { depositProducts, findDepositProduct } from "./deposit-products";

const notice = findDepositProduct("notice_saver_95")!;

/** Values of the products area that always trigger the same outcome, from the constants the code acts on. */
export const productMagicValues: MagicValue[] = [
  {
    field: "product_id",
    value: depositProducts.map((product) => product.id).join(", "),
    applies_to: "POST /v1/accounts",
    effect: `Opens that deposit product: ${depositProducts.map((p) => `\`${p.id}\` ${p.aer}% AER${p.interestPaid === "none" ? "" : `, interest ${p.interestPaid.replace("_", " ")}`}`).join("; ")}. Bonds need \`initial_deposit\` (${formatMinor(findDepositProduct("fixed_term_1y")!.minDeposit, "GBP")}+) and \`funding_account_id\`. Interest accrues daily on end-of-day balances and is paid as the sandbox clock moves.`,
  },
  {
    field: "debtor_account_id",
    value: "a fixed-term bond before matures_on",
    applies_to: "POST /v1/payments",
    effect:
      "422 `early_withdrawal_not_allowed`; paying into a bond is 422 `deposit_not_accepted`. Advance the clock past `matures_on` to get the interest and withdraw.",
  },
  {
    field: "debtor_account_id",
    value: `a ${notice.name}`,
    applies_to: "POST /v1/payments",
    effect: `The payment goes through, and an "Early access charge" of ${notice.penaltyDays} days' interest (at ${notice.grossRate}% gross) on the amount is debited too.`,
  },
  {
    field: "travellers[].age",
    value: `> ${MAX_AGE.single_trip} (single trip), > ${MAX_AGE.annual_multi_trip} (annual)`,
    applies_to: "POST /v1/insurance/quotes",
    effect: "422 `insurance_declined` with a pointer to each traveller over the age; no quote is created.",
  },
  {
    field: "end_date",
    value: `more than ${MAX_SINGLE_TRIP_DAYS} days after start_date`,
    applies_to: "POST /v1/insurance/quotes",
    effect: "A single trip that long is 422 `insurance_declined` (pointer `/body/end_date`): quote annual multi-trip cover instead.",
  },
  {
    field: "risk_profile",
    value: RISK_PROFILES.join(", "),
    applies_to: "GET /v1/investments/recommendations",
    effect: RISK_PROFILES.map((profile) => `\`${profile}\`: ${modelPortfolios[profile].summary}`).join(" "),
  },
  {
    field: "merchant.category_code",
    value: SUPERMARKET_MCCS.join(", "),
    applies_to: "GET /v1/accounts/{account_id}/rewards",
    effect: `Card purchases at supermarkets and food stores earn 2 points per £1 (others 1); refunds take points back. ${REDEMPTION_STEP} points redeem for £${formatMinor(CASHBACK_PER_STEP, "GBP")} cashback.`,
  },
];
