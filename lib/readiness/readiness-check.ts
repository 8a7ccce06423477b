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
  /** What the engine already did to the app in this check (`act`), oldest first. */
  actions?: EngineActionDone[];
};

/**
 * Something the engine does to the app under test mid-check, in its own sandbox, as the customer
 * or the passing of time would (lib/readiness/engine-actions.ts); done once per check per `tag`.
 */
export type EngineAction = { tag: string } &
  /** The app's authorised /v1 consents of the persona are revoked, as the customer would. */
  (
    | { kind: "revoke_consent"; persona: string }
    /** The app's authorised /v1 consents of the persona reach their expiry now (the sandbox control, not the clock). */
    | { kind: "expire_consent"; persona: string }
    /** The app's sandbox clock moves past a consent access token's hour. */
    | { kind: "expire_access_token" }
    /** The app's sandbox clock moves on by days (the bank books what became due). */
    | { kind: "advance_clock"; days: number }
  );

/** An action the engine did, and when (epoch ms). */
export type EngineActionDone = EngineAction & { at: number };

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
  /**
   * What the engine should do to the app now, from the traffic so far (revoke the customer's consent,
   * move the clock), or null. Asked before each grading while the check runs; each tag is done once,
   * recorded in the run and given back to `act` and `grade` as `actions`; the check is graded from the next step.
   */
  act?(input: GradeInput): EngineAction | null;
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
  webhooks: "/docs/guides/webhooks#9-pass-the-readiness-checks",
  retries: "/docs/guides/errors-rate-limits#2-know-what-to-retry",
  rateLimits: "/docs/guides/errors-rate-limits#3-rate-limits",
  transactions: "/docs/guides/accounts-transactions#5-pass-the-readiness-checks",
  standards: "/docs/guides/webhooks#the-standards-check",
  consents: "/docs/guides/consent-flow#10-pass-the-consent-readiness-checks",
} as const;
