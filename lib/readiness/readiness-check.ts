import type { GatewayFault } from "./readiness-faults";

/**
 * One check of a readiness run, as a plug-in (one file each in lib/readiness/checks/): what it
 * injects, what the developer is asked to do while it runs, and how it grades the app's own
 * traffic. Grading is pure (synthetic traffic in the unit tests, the stored request logs and
 * delivery attempts in the engine); sending webhooks goes through the engine's sender, which
 * reaches only the app's own enabled endpoints.
 */
export type Grade = "pass" | "warn" | "fail";

/** What the app's client should do now; `action` is the machine-readable form reference clients follow. */
export type Instruction = {
  text: string;
  action:
    | { kind: "none" }
    | { kind: "create_payment"; amount: string; currency: string }
    | { kind: "list_accounts" }
    | { kind: "fetch_history"; account_number: string; limit: number }
    | { kind: "pending_booked"; account_number: string }
    /** Do what the app does with the open-banking standards (UK OB, Berlin Group) for this persona; nothing if it never uses them. */
    | { kind: "use_standards"; persona: string }
    /** Read the persona's accounts as the customer (a consent token), once a second, while the check runs. */
    | { kind: "customer_session"; persona: string };
};

/** One of the app's gateway calls since the check started, as the request log holds it. */
export type LoggedCall = {
  id: string;
  method: string;
  path: string;
  status: number;
  /** Epoch ms the call arrived (log time minus latency) and was answered. */
  startedAt: number;
  endedAt: number;
  idempotencyKey: string | null;
  /** The readiness fault marker when the gateway injected this answer (`x-readiness-fault`). */
  fault: string | null;
  /** The answer's body as logged (masked), for the ids it holds. */
  responseBody: string | null;
  /** The `Readiness-Report` request header: what the client reports to the run (pending-booked check). */
  report?: string | null;
  /** The request's and the answer's headers as logged (masked, lowercase names); absent when the log kept none. */
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  /** A call made with a consent access token: the token's display prefix (`oat_AbCd…wxyz`), the same for every call with one token; null for API keys and OAuth endpoints. */
  consentToken?: string | null;
};

/** One readiness attempt of a delivery the check sent, as answered by the app's endpoint. */
export type ReadinessAttempt = {
  id: string;
  deliveryId: string;
  eventId: string;
  endpointId: string;
  /** 1, 2… within the delivery (the duplicates check sends one delivery twice). */
  number: number;
  status: number | null;
  responseBody: string | null;
  error: string | null;
  /** The check's label for this attempt: `forged`, `signed`, `first`, `duplicate`, `completed`, `created`… */
  label: string;
};

export type CheckResult = {
  grade: Grade;
  /** One sentence: what was seen. */
  summary: string;
  requestIds: string[];
  deliveryIds: string[];
};

/** A webhook the check asks the engine to send to each of the app's enabled endpoints. */
export type PlannedDelivery = {
  type: string;
  object: Record<string, unknown>;
  /** One attempt per label, in order, on the same delivery (same webhook-id). */
  attempts: { label: string; forged?: boolean }[];
};

export type GradeInput = {
  calls: LoggedCall[];
  attempts: ReadinessAttempt[];
  /** How many enabled endpoints the check's webhooks went to. */
  endpoints: number;
  /** Epoch ms. */
  startedAt: number;
  now: number;
  /** The check's time is up: decide with what there is. */
  timedOut: boolean;
  /** What the check's `dataStep` noted so far (kept in the run between steps). */
  memo?: CheckMemo;
  /** What the engine already did to the app's customer session in this check (`session` checks), oldest first. */
  actions?: SessionActionDone[];
};

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A check's own notes, stored with its state in the run (JSON). */
export type CheckMemo = { [key: string]: JsonValue };

/** What a check's `dataStep` may do to the app's own sandbox while it runs. */
export type DataStepContext = {
  calls: LoggedCall[];
  /** Kept with the check's state between steps; the step writes what grading needs. */
  memo: CheckMemo;
  now: number;
  /** Moves the app's own sandbox clock forward (the bank books what became due). */
  advanceClock(days: number): Promise<void>;
};

/** Something the engine does to the customer session a check drives : revoke its consent, expire its access token. */
export type SessionAction = {
  /** Done once per check per tag. */
  tag: string;
  /** `revoke_consent`: the app's authorised /v1 consents of the persona are revoked (as the customer would). `expire_access_token`: the app's sandbox clock moves on past the access token's hour. */
  kind: "revoke_consent" | "expire_access_token";
};

export type SessionActionDone = SessionAction & { at: number };

export type ReadinessCheck = {
  id: string;
  title: string;
  /** What the check proves, for the report. */
  description: string;
  /** The guide section that explains the fix. */
  guide: string;
  /** What to change when it does not pass. */
  fixHint: string;
  instruction: Instruction;
  /** How long the check waits for traffic before grading with what it has. */
  timeoutMs: number;
  /** Gateway faults for the app's matching calls while the check runs. */
  faults?: { method: string; pathPrefix: string | null; faults: GatewayFault[] };
  /** Webhooks sent to the app's endpoints when the check starts (`runId` marks them). */
  deliveries?: (runId: string) => PlannedDelivery[];
  /** Grade from the app's gateway calls even without faults (the engine loads them only for these). */
  readsCalls?: boolean;
  /** Runs before each grading while the check runs (not once timed out), e.g. to advance the clock when the app is ready. */
  dataStep?(ctx: DataStepContext): Promise<void>;
  /**
   * The check drives a customer session (consent-token calls for `persona`); before
   * each grading the engine asks what to do to it now, from the traffic so far, and does it once per tag.
   */
  session?: { persona: string; next(input: GradeInput): SessionAction | null };
  /** The result, or null to keep waiting (never null when `timedOut`). */
  grade(input: GradeInput): CheckResult | null;
};

/** The echo contract (Webhooks guide): a receiver's JSON answer to a delivery. */
export type Echo = { processed?: unknown; duplicate?: unknown; state?: unknown };

export function readEcho(body: string | null): Echo | null {
  if (!body) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Echo) : null;
  } catch {
    return null;
  }
}

export const is2xx = (status: number | null) => status !== null && status >= 200 && status < 300;

export const GUIDE = {
  webhooks: "/docs/guides/webhooks#8-pass-the-readiness-checks",
  retries: "/docs/guides/errors-rate-limits#2-know-what-to-retry",
  rateLimits: "/docs/guides/errors-rate-limits#3-rate-limits",
  transactions: "/docs/guides/accounts-transactions#5-pass-the-readiness-checks",
  standards: "/docs/guides/webhooks#the-standards-check",
  consents: "/docs/guides/consent-flow#10-pass-the-consent-readiness-checks",
} as const;
