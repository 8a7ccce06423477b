import type { FastifyPluginAsync } from "fastify";
import { formatMinor } from "@/lib/money";
import { MINIMUM_AGE, REJECT_FAMILY_NAME, REVIEW_FAMILY_NAME } from "../domain/customers/decide-kyc";
import { CERTAIN_THRESHOLD, MATCH_THRESHOLD, SANCTIONS_LIST } from "../domain/customers/screen-name";
import { productMagicValues } from "../domain/products/products-reference";
import { AML_HIT_NAME, DECLINE_AMOUNT, PAYMENT_LIMIT_MINOR } from "../domain/payments/payment-rules";
import { buildSandboxReference, type MagicValue, type SandboxControl } from "../domain/sandbox/sandbox-reference";

type Operation = { tags?: string[]; summary?: string; description?: string };

/** The sandbox operations as documented (so the reference says what the API says). */
function sandboxControls(document: unknown): SandboxControl[] {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes("Sandbox"))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, summary: operation.summary ?? "", description: operation.description ?? "" })),
  );
}

/** Magic values of other areas, from the constants their modules act on. */
const magicValues: MagicValue[] = [
  {
    field: "amount.amount",
    value: DECLINE_AMOUNT,
    applies_to: "POST /v1/payments",
    effect: "The payment is created as `failed` (failure `insufficient_funds`, declined by the beneficiary's bank) whatever the balance: no money moves, and a `payment.failed` event is sent.",
  },
  {
    field: "creditor.name",
    value: AML_HIT_NAME,
    applies_to: "POST /v1/payments",
    effect: "Sanctions screening declines the payment: it is created as `failed` (failure `aml_declined`), no money moves, and a `payment.failed` event is sent. Any letter case.",
  },
  {
    field: "creditor.sort_code",
    value: "00xxxx",
    applies_to: "POST /v1/payments",
    effect: "Sort codes starting `00` belong to no bank: 422 `invalid_beneficiary` pointing at `/body/creditor/sort_code`, nothing is created.",
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
    effect: "KYC ends in `review` (reason `manual_review_requested`): the customer exists but cannot open accounts (422 `kyc_not_approved`) until you decide the review with `POST /v1/sandbox/customers/{customer_id}/kyc-review`. Any letter case.",
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
