/**
 * The gateway's side of a readiness run: the faults planned for the app under test, decided per
 * request by one Map lookup (apps without a run pay exactly that). The engine sets a plan when a
 * check starts and clears it when the check ends; a plan also lapses by itself at the run's
 * expiry, so faults stop even if nothing advances the run. One instance per process, held by the
 * portal (lib/runtime.ts) and shared by the gateway and the portal API's routes.
 */
export type GatewayFault =
  /** Answered 503 service_unavailable at once, without reaching the bank. */
  | { kind: "unavailable" }
  /** Held for `holdMs`, then answered 504 bank_timeout, without reaching the bank. */
  | { kind: "timeout"; holdMs: number }
  /** Answered 429 rate_limited with `Retry-After: retryAfterSeconds`. */
  | { kind: "rate_limited"; retryAfterSeconds: number };

export type FaultPlan = {
  runId: string;
  checkId: string;
  /** Epoch ms: the run's time limit; the plan is dropped at the first request after it. */
  expiresAt: number;
  /** Which of the app's calls the faults hit. */
  method: string;
  /** A path prefix (`/v1/payments`), or null for any path. */
  pathPrefix: string | null;
  /** Consumed in order, one per matching call; calls after the last go through. */
  faults: GatewayFault[];
};

/** What the gateway does to one call: the fault, and the header that marks its answer in the request log. */
export type InjectedFault = { fault: GatewayFault; marker: string };

/** The header on an injected answer (kept in the request log): `<kind>; run=<run id>; check=<check id>`. */
export const FAULT_HEADER = "x-readiness-fault";

export class ReadinessFaults {
  private readonly plans = new Map<string, FaultPlan>();

  constructor(private readonly now: () => number = Date.now) {}

  set(appId: string, plan: FaultPlan): void {
    this.plans.set(appId, { ...plan, faults: [...plan.faults] });
  }

  /** Ends the app's plan (only the given run's, when named: a newer run's plan stays). */
  clear(appId: string, runId?: string): void {
    const plan = this.plans.get(appId);
    if (plan && (!runId || plan.runId === runId)) this.plans.delete(appId);
  }

  /** The fault for this call of the app, if its run planned one (the hot path: one lookup when none). */
  decide(appId: string, method: string, path: string): InjectedFault | null {
    const plan = this.plans.get(appId);
    if (plan === undefined) return null;
    if (this.now() >= plan.expiresAt) {
      this.plans.delete(appId);
      return null;
    }
    if (method !== plan.method || (plan.pathPrefix !== null && !path.startsWith(plan.pathPrefix))) return null;
    const fault = plan.faults.shift();
    if (!fault) return null;
    return { fault, marker: `${fault.kind}; run=${plan.runId}; check=${plan.checkId}` };
  }

  /** Whether the app has a plan now (tests and the report). */
  has(appId: string): boolean {
    return this.plans.has(appId);
  }
}
