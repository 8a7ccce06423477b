import { describe, expect, it } from "vitest";
import { FAILING_THRESHOLD } from "@/lib/webhooks/attempt-delivery";
import { JITTER } from "@/lib/webhooks/retry-schedule";
import { ROTATION_OVERLAP_MS } from "@/lib/webhooks/rotate-endpoint-secret";
import { EVIDENCE_WINDOW_DAYS } from "@/lib/go-live/sandbox-evidence";
import { REJECT_FAMILY_NAME, REVIEW_FAMILY_NAME, MINIMUM_AGE } from "@/mock-bank/src/domain/customers/decide-kyc";
import { SANCTIONS_LIST } from "@/mock-bank/src/domain/customers/screen-name";
import { convert, QUOTE_TTL_MS, quoteFee, quoteRate } from "@/mock-bank/src/domain/fx/create-fx-quote";
import { AML_HIT_NAME, DECLINE_AMOUNT, DECLINE_MESSAGE, PAYMENT_LIMIT_MINOR } from "@/mock-bank/src/domain/payments/payment-rules";
import { cardBookingMoment, PENDING_DAYS } from "@/mock-bank/src/seed/history-builder";
import { portalSettingNames } from "@/lib/env";
import { EXIT } from "@/packages/cli/src/errors";
import { configPath } from "@/packages/cli/src/config";
import { depositProducts } from "@/mock-bank/src/domain/products/deposit-products";
import { buildSandboxReference } from "@/mock-bank/src/domain/sandbox/sandbox-reference";
import { personas } from "@/mock-bank/src/seed/personas";
import { formatMinor } from "@openbank/contracts/money";
import { loadGuides } from "./load-guides";
import { extractSamples } from "./samples";

/**
 * Values the guides state in prose come from the code that acts on them: when a constant
 * changes, this fails and names the guide to update (the samples themselves run against the
 * sandbox in tests/integration/guide-samples.test.ts).
 */
const body = (slug: string) => loadGuides().find((guide) => guide.slug === slug)!.body;
const samplesOf = (text: string) => extractSamples(text).map((sample) => sample.code);

describe("facts the guides state", () => {
  it("personas & magic values: the seed's account numbers and the bank's magic values", () => {
    const text = body("sandbox-personas");
    for (const persona of personas) {
      const current = persona.accounts.find((account) => account.key === "current")!;
      expect(text).toContain(`\`${persona.persona}\``);
      expect(text).toContain(current.accountNumber!);
    }
    for (const value of [DECLINE_AMOUNT, AML_HIT_NAME, REVIEW_FAMILY_NAME, REJECT_FAMILY_NAME, SANCTIONS_LIST[0].name])
      expect(text).toContain(value);
    expect(text).toContain(`under ${MINIMUM_AGE}`);
    // How good_credit's current account appears in the standards, as the bank's reference says it.
    const goodCredit = buildSandboxReference({ controls: [], magicValues: [] }).personas.find((persona) => persona.key === "good_credit")!;
    const [sortCodeAccountNumber, iban] = goodCredit.accounts[0].standards.uk_open_banking.account;
    expect(text).toContain(`that is \`${sortCodeAccountNumber.identification}\` and \`${iban.identification}\``);
    const overdrawn = personas.find((persona) => persona.persona === "overdrawn")!.accounts.find((account) => account.key === "current")!;
    expect(text).toContain(`£${Number(formatMinor(overdrawn.overdraftLimit!, "GBP")).toLocaleString("en-GB")} arranged overdraft`);
  });

  it("cross-border & FX: the quoted rate, amounts, fee, expiry and limit", () => {
    const text = body("cross-border-fx");
    const rate = quoteRate("GBP", "EUR");
    expect(text).toContain(`"rate": "${rate / 1_000_000n}.${String(rate % 1_000_000n).padStart(6, "0")}"`);
    expect(text).toContain(`"amount": "${formatMinor(convert(25_000n, "GBP", "EUR", rate), "EUR")}", "currency": "EUR"`);
    expect(text).toContain(`"amount": "${formatMinor(quoteFee(25_000n, "GBP"), "GBP")}", "currency": "GBP"`);
    expect(text).toContain(`${QUOTE_TTL_MS / 1000} seconds`);
    expect(text).toContain(formatMinor(PAYMENT_LIMIT_MINOR, "GBP"));
  });

  it("products: the rate sheet's AERs", () => {
    const text = body("products-wealth-insurance");
    for (const product of depositProducts)
      expect(text).toMatch(new RegExp(`\\| \`${product.id}\`[^|]*\\| ${product.aer.replace(".", "\\.")}% \\|`));
  });

  it("webhooks: failing threshold, jitter and rotation overlap", () => {
    const text = body("webhooks");
    expect(text).toContain(`After ${FAILING_THRESHOLD} failures in a row`);
    expect(text).toContain(`±${JITTER * 100}%`);
    expect(text).toContain(`for ${ROTATION_OVERLAP_MS / 3_600_000} hours`);
  });

  it("going live: the evidence window, the portal's own number of endpoints, and product endpoints only", () => {
    const text = body("going-live");
    expect(text).toContain(`last ${EVIDENCE_WINDOW_DAYS} days`);
    expect(text).toContain("at least <GoLiveMinimum /> of them");
    expect(text).toContain("the `/v1/sandbox/*` controls");
  });

  it("going live: step 3 rehearses the outage, the rate limit and the decline it promises", () => {
    const text = body("going-live");
    const step = text.slice(text.indexOf("## 3. Rehearse the failures"), text.indexOf("## 4."));
    expect(step).toContain("an outage, a rate limit and a decline");
    for (const scenario of ["bank_unavailable", "rate_limited", "insufficient_funds"]) {
      for (const sample of samplesOf(step)) expect(sample, `${scenario} in every language`).toContain(scenario);
    }
    expect(step).not.toContain("internal_error");
  });

  it("partner guides name no operator setting: they say what the partner sees", () => {
    const settings = portalSettingNames();
    expect(settings).toContain("WEBHOOKS_ALLOW_LOOPBACK");
    for (const guide of loadGuides())
      for (const setting of settings) expect(guide.body, `${guide.slug} names ${setting}`).not.toMatch(new RegExp(`\\b${setting}\\b`));
  });

  it("CLI: the exit codes and where the configuration lives, as the CLI has them", () => {
    const text = body("cli");
    for (const code of Object.values(EXIT)) expect(text).toMatch(new RegExp(`^\\| \`${code}\` \\| `, "m"));
    expect(text.match(/^\| `\d` \|/gm)).toHaveLength(Object.values(EXIT).length);
    expect(text).toContain("`~/.config/openbank/config.json`");
    expect(configPath({ NODE_ENV: "test", XDG_CONFIG_HOME: "/x" })).toBe("/x/openbank/config.json");
    expect(text).toContain("`$XDG_CONFIG_HOME/openbank`");
    expect(configPath({ NODE_ENV: "test", OPENBANK_CONFIG_DIR: "/y" })).toBe("/y/config.json");
    expect(text).toContain("`$OPENBANK_CONFIG_DIR`");
  });

  it("errors: the retry table says what a 500 means; t and Retry-After agree", () => {
    const text = body("errors-rate-limits");
    expect(text).toMatch(/^\| 500 \| `internal_error` \| yes, /m);
    expect(text).toContain("`t` and `Retry-After` both give the seconds until your next call is accepted");
    expect(text).toContain('`RateLimit: "sandbox";r=0;t=1` and `Retry-After: 1`');
  });

  it("facts about time, events and money match the sandbox's rules", () => {
    expect(PENDING_DAYS).toBe(2);
    const made = new Date("2026-11-01T15:30:00Z");
    expect(cardBookingMoment(made).toISOString()).toBe("2026-11-04T00:00:00.000Z");
    expect(body("accounts-transactions")).toContain("made on the 1st at any hour, it books at 00:00 on the 4th");
    expect(body("sandbox-controls")).toContain("(made on the 1st, booked at 00:00 on the 4th)");
    expect(body("accounts-transactions")).toContain("booked plus the pending payments out (their amounts are negative, so they lower it");
    expect(DECLINE_MESSAGE).toContain("payer's account");
    for (const slug of ["sandbox-personas", "uk-open-banking"]) expect(body(slug)).not.toMatch(/(beneficiary's|payee's) bank/);
    expect(body("webhooks")).toContain("events you fired are never reused");
    expect(body("webhooks")).not.toContain("is the event:");
  });
});
