import type { ErrorCode } from "@openbank/contracts/errors";
import type { ScenarioInfo } from "@openbank/contracts/sandbox-reference";

/**
 * The `Sandbox-Scenario` request header: a comma-separated list of values that make any
 * sandbox call slow or fail on purpose, so apps can test their error handling. Pure: the
 * plugin in plugins/app/scenarios.ts applies it; the OpenAPI document and the docs page
 * render the catalogue below, so what is documented is what is accepted.
 */

/**
 * The portal's gateway gives up on the bank after 10 s (BANK_TIMEOUT_MS), so longer waits end in
 * its 504. The cap sits 2 s beyond that: at exactly 10 s the bank's answer and the gateway's
 * timer raced, and `latency=11000` sometimes came back 200.
 */
export const MAX_LATENCY_MS = 12_000;
/** Accepted, then capped at MAX_LATENCY_MS; anything larger is a typo. */
const LATENCY_INPUT_MAX_MS = 60_000;

export type ScenarioFailure = "bank_unavailable" | "rate_limited" | "internal_error" | "insufficient_funds";

export type Scenario = { latencyMs: number; failure: ScenarioFailure | null };

const failures: Record<ScenarioFailure, Omit<ScenarioInfo, "value" | "example"> & { status: number; code: ErrorCode }> = {
  bank_unavailable: {
    status: 502,
    code: "bank_unavailable",
    effect: "Answers 502 `bank_unavailable`, exactly what the gateway answers when the bank cannot be reached. Nothing is changed.",
  },
  rate_limited: {
    status: 429,
    code: "rate_limited",
    effect:
      "Answers 429 `rate_limited` exactly as when your key's quota is used up: `Retry-After: 1` and your key's `RateLimit` with `r=0;t=1`. Nothing is changed; the call counts once against your quota, like any call.",
  },
  internal_error: {
    status: 500,
    code: "internal_error",
    effect: "Answers 500 `internal_error`, an unexpected failure on the bank's side. Nothing is changed.",
  },
  insufficient_funds: {
    status: 422,
    code: "insufficient_funds",
    effect:
      "On calls that move money out of an account (payments, transfers, conversions): answers 422 `insufficient_funds` whatever the balance, and nothing moves. Ignored by calls that move no money.",
  },
};

/** Every accepted value, for the document and the docs page. */
export const scenarioCatalog: readonly ScenarioInfo[] = [
  {
    value: "latency=<ms>",
    example: "latency=2000",
    status: null,
    code: null,
    effect: `Waits <ms> milliseconds (0–${LATENCY_INPUT_MAX_MS}, capped at ${MAX_LATENCY_MS}) before answering. The gateway waits at most 10 s for the bank, so \`latency=11000\` shows you the gateway's 504 \`bank_timeout\`. Combines with one of the failures below.`,
  },
  ...Object.entries(failures).map(([value, info]) => ({ value, example: value, ...info })),
];

export function scenarioFailure(failure: ScenarioFailure): { status: number; code: ErrorCode } {
  return failures[failure];
}

const isFailure = (value: string): value is ScenarioFailure => Object.hasOwn(failures, value);

/** The longest header accepted: the longest useful value is about 35 characters. */
export const SCENARIO_HEADER_MAX_LENGTH = 200;

/**
 * "latency=2000, bank_unavailable" → { latencyMs: 2000, failure: "bank_unavailable" }.
 * Values are case-sensitive; each at most once; at most one failure. A wait above the cap
 * is kept as sent (the caller caps it), so the answer can say what was asked.
 */
export function parseSandboxScenario(header: string | undefined): { ok: true; scenario: Scenario } | { ok: false; detail: string } {
  const scenario: Scenario = { latencyMs: 0, failure: null };
  if (header === undefined) return { ok: true, scenario };
  if (header.length > SCENARIO_HEADER_MAX_LENGTH) return { ok: false, detail: `must be at most ${SCENARIO_HEADER_MAX_LENGTH} characters` };
  let latencySeen = false;
  for (const raw of header.split(",")) {
    const value = raw.trim();
    if (value === "") continue;
    const latency = /^latency=(\d{1,6})$/.exec(value);
    if (latency) {
      const ms = Number(latency[1]);
      if (ms > LATENCY_INPUT_MAX_MS)
        return { ok: false, detail: `latency must be 0–${LATENCY_INPUT_MAX_MS} ms (waits are capped at ${MAX_LATENCY_MS})` };
      if (latencySeen) return { ok: false, detail: "latency is given twice" };
      latencySeen = true;
      scenario.latencyMs = ms;
    } else if (isFailure(value)) {
      if (scenario.failure) return { ok: false, detail: `combine latency with at most one failure, not ${scenario.failure} and ${value}` };
      scenario.failure = value;
    } else {
      const known = scenarioCatalog.map((info) => info.value).join(", ");
      return { ok: false, detail: `unknown scenario ${JSON.stringify(value.slice(0, 40))}; known: ${known}` };
    }
  }
  return { ok: true, scenario };
}
