import { AUTHENTICATION_SCENARIOS, AUTHENTICATION_SCENARIO_DESCRIPTIONS } from "../domain/oauth/authentication-scenarios";
import { SCENARIO_OUTCOMES } from "../domain/oauth/sandbox-authentication";
import type { FastifyPluginAsync } from "fastify";
import { formatMinor } from "@openbank/contracts/money";
import { MINIMUM_AGE, REJECT_FAMILY_NAME, REVIEW_FAMILY_NAME } from "../domain/customers/decide-kyc";
import { CERTAIN_THRESHOLD, MATCH_THRESHOLD, SANCTIONS_LIST } from "../domain/customers/screen-name";
import { productMagicValues } from "../domain/products/products-reference";
import { SCORE_BANDS } from "../domain/lending/assess-credit";
import { BNPL_LIMITS, BNPL_NO_FILE_LIMIT } from "../domain/lending/decide-bnpl";
import { AML_HIT_NAME, DECLINE_AMOUNT, PAYMENT_LIMIT_MINOR } from "../domain/payments/payment-rules";
import type { MagicValue, SandboxControl } from "@openbank/contracts/sandbox-reference";
import { buildSandboxReference } from "../domain/sandbox/sandbox-reference";

type Operation = { tags?: string[]; summary?: string; description?: string };

/** The sandbox operations as documented (so the reference says what the API says). */
function sandboxControls(document: unknown): SandboxControl[] {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes("Sandbox"))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
      })),
  );
}

/** Magic values of other areas, from the constants their modules act on. */
const magicValues: MagicValue[] = [
  {
    field: "amount.amount",
    value: DECLINE_AMOUNT,
    applies_to: "POST /v1/payments",
    effect:
      "The payment is created as `failed` (failure `insufficient_funds`: the payer's account cannot cover it) whatever the balance: no money moves, and a `payment.failed` event is sent.",
  },
  {
    field: "creditor.name",
    value: AML_HIT_NAME,
    applies_to: "POST /v1/payments",
    effect:
      "Sanctions screening declines the payment: it is created as `failed` (failure `aml_declined`), no money moves, and a `payment.failed` event is sent. Any letter case.",
  },
  {
    field: "creditor.sort_code",
    value: "00xxxx",
    applies_to: "POST /v1/payments",
    effect:
      "Sort codes starting `00` belong to no bank: 422 `invalid_beneficiary` pointing at `/body/creditor/sort_code`, nothing is created.",
  },
  {
    field: "amount.amount",
    value: `> ${formatMinor(PAYMENT_LIMIT_MINOR, "GBP")}`,
    applies_to: "POST /v1/payments",
    effect: "Above the single-payment limit (or its equivalent): 422 `limit_exceeded`, nothing is created.",
  },
  {
    field: "family_name",
    value: REVIEW_FAMILY_NAME,
    applies_to: "POST /v1/customers",
    effect:
      "KYC ends in `review` (reason `manual_review_requested`): the customer exists but cannot open accounts (422 `kyc_not_approved`) until you decide the review with `POST /v1/sandbox/customers/{customer_id}/kyc-review`. Any letter case.",
  },
  {
    field: "family_name",
    value: REJECT_FAMILY_NAME,
    applies_to: "POST /v1/customers",
    effect: "KYC ends in `rejected` (reason `identity_not_verified`): the customer cannot open accounts. Any letter case.",
  },
  {
    field: "date_of_birth",
    value: `under ${MINIMUM_AGE}`,
    applies_to: "POST /v1/customers",
    effect: `A customer under ${MINIMUM_AGE} on the sandbox clock is \`rejected\` (reason \`under_age\`).`,
  },
  {
    field: "given_name + family_name",
    value: SANCTIONS_LIST.map((entry) => entry.name).join(", "),
    applies_to: "POST /v1/customers",
    effect: `Fictional sanctions list. Names are compared after normalising case, diacritics and word order: a similarity ≥ ${MATCH_THRESHOLD} is \`review\` (\`possible_sanctions_match\`), ≥ ${CERTAIN_THRESHOLD} is \`rejected\` (\`sanctions_match\`); \`kyc.screening\` shows the matched entry and score.`,
  },
  ...productMagicValues,
  ...AUTHENTICATION_SCENARIOS.map((scenario) => ({
    field: "Sandbox scenario (the bank's login page), or the customer's `authentication_scenario`",
    value: scenario,
    applies_to: "GET /oauth/authorize and Berlin Group `_links.scaRedirect` (the bank's login and consent pages)",
    effect: `${AUTHENTICATION_SCENARIO_DESCRIPTIONS[scenario]} ${SCENARIO_OUTCOMES[scenario]}`,
  })),
  {
    field: "customer_id",
    value: "a customer from POST /v1/customers",
    applies_to: "POST /v1/loans/applications",
    effect:
      "Onboarded customers have no credit file (score 0): the application is `declined` with `no_credit_file`. Use a seeded persona for approvals; each persona's outcome is shown with it above.",
  },
  {
    field: "amount.amount",
    value: "above the score band's limit",
    applies_to: "POST /v1/loans/applications",
    effect: `Approved for less (reason \`amount_above_band_limit\`): the offers stop at the band's limit (${SCORE_BANDS.map((band) => `${band.minScore}+: £${Number(formatMinor(band.maxAmount, "GBP")).toLocaleString("en-GB")} at ${band.apr}%`).join("; ")}).`,
  },
  {
    field: "purchase_amount.amount",
    value: "above the plan limit",
    applies_to: "POST /v1/bnpl/plans",
    effect: `422 \`bnpl_declined\` (\`over_plan_limit\`) when the purchase plus what is owed on other plans exceeds the score's limit (${BNPL_LIMITS.map((tier) => `${tier.label}: £${Number(formatMinor(tier.limit, "GBP")).toLocaleString("en-GB")}`).join("; ")}; no credit file: £${formatMinor(BNPL_NO_FILE_LIMIT, "GBP")}).`,
  },
];

/** Personas, scenario values, magic values and sandbox controls; public, like /openapi.json. */
const sandboxReference: FastifyPluginAsync = async (app) => {
  let cached: ReturnType<typeof buildSandboxReference> | undefined;
  app.get("/sandbox-reference.json", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    cached ??= buildSandboxReference({ controls: sandboxControls(app.swagger()), magicValues });
    reply.header("cache-control", "no-cache");
    return cached;
  });
};

export default sandboxReference;
