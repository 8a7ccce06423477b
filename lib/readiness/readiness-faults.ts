/**
 * The gateway's side of a readiness run: the faults planned for the app under test, decided per
 * request by one Map lookup (apps without a run pay exactly that). The engine sets a plan when a
 * check starts and clears it when the check ends; a plan also lapses by itself at the run's
 * expiry, so faults stop even if nothing advances the run. One instance per process, held by the
 * portal (lib/runtime.ts) and shared by the gateway and the portal API's routes.
 *
 * On several instances (REDIS_URL), a `SharedFaultStore` (shared-fault-plans.ts) holds the plans
 * and their faults in Redis: a plan set on the instance whose engine started the check reaches
 * every instance's Map over pub/sub, and each matching call takes its fault from Redis atomically,
 * so every planned fault is used exactly once across the cluster, whichever instance the app's
 * calls land on. The local Map stays the filter: an app without a plan costs one `Map.get`.
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

/** A plan without its faults: what every instance knows of it (the faults themselves stay in the shared store). */
export type PlanHeader = Omit<FaultPlan, "faults">;

/** What the gateway does to one call: the fault, and the header that marks its answer in the request log. */
export type InjectedFault = { fault: GatewayFault; marker: string };

/** The header on an injected answer (kept in the request log): `<kind>; run=<run id>; check=<check id>`. */
export const FAULT_HEADER = "x-readiness-fault";

/** Where plans live when several instances serve one app's calls (Redis: shared-fault-plans.ts). */
export type SharedFaultStore = {
  /** Stores the plan and its faults, and tells every instance (which call `ReadinessFaults.apply`). */
  set(appId: string, plan: FaultPlan): Promise<void>;
  /** Ends the app's plan (only the named run's) everywhere. */
  clear(appId: string, runId?: string): Promise<void>;
  /** The plan's next fault, taken once cluster-wide; null when none is left (or the plan has ended). */
  take(appId: string, plan: PlanHeader): Promise<GatewayFault | null>;
};

type LocalPlan = FaultPlan & { shared: boolean };

export class ReadinessFaults {
  private readonly plans = new Map<string, LocalPlan>();
  private warned = false;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly store: SharedFaultStore | null = null,
  ) {}

  /**
   * Plans faults for the app. With a shared store, resolves once every instance can find the plan
   * (stored in Redis and published); if Redis fails, the plan holds on this instance alone.
   */
  async set(appId: string, plan: FaultPlan): Promise<void> {
    if (!this.store) {
      this.plans.set(appId, { ...plan, faults: [...plan.faults], shared: false });
      return;
    }
    this.plans.set(appId, { ...plan, faults: [...plan.faults], shared: true });
    try {
      await this.store.set(appId, plan);
    } catch (error) {
      this.warn("set", error);
      this.plans.set(appId, { ...plan, faults: [...plan.faults], shared: false });
    }
  }

  /** Ends the app's plan (only the given run's, when named: a newer run's plan stays), on every instance. */
  async clear(appId: string, runId?: string): Promise<void> {
    this.forget(appId, runId);
    if (!this.store) return;
    try {
      await this.store.clear(appId, runId);
    } catch (error) {
      // The plan still lapses at the run's expiry, and its faults are no longer planned by the engine.
      this.warn("clear", error);
    }
  }

  /** Another instance's change, as published (shared-fault-plans.ts): only this instance's Map. */
  apply(change: { op: "set"; appId: string; plan: PlanHeader } | { op: "clear"; appId: string; runId?: string }): void {
    if (change.op === "clear") this.forget(change.appId, change.runId);
    else this.plans.set(change.appId, { ...change.plan, faults: [], shared: true });
  }

  /** Replaces the shared plans with the store's (after a (re)subscription, when messages may have been missed). */
  replaceShared(plans: Map<string, PlanHeader>): void {
    for (const [appId, plan] of this.plans) if (plan.shared && !plans.has(appId)) this.plans.delete(appId);
    for (const [appId, plan] of plans) this.plans.set(appId, { ...plan, faults: [], shared: true });
  }

  /**
   * The fault for this call of the app, if its run planned one (the hot path: one lookup when none).
   * Synchronous on one instance; a promise when the fault is taken from the shared store.
   */
  decide(appId: string, method: string, path: string): InjectedFault | null | Promise<InjectedFault | null> {
    const plan = this.plans.get(appId);
    if (plan === undefined) return null;
    if (this.now() >= plan.expiresAt) {
      this.plans.delete(appId);
      return null;
    }
    if (method !== plan.method || (plan.pathPrefix !== null && !path.startsWith(plan.pathPrefix))) return null;
    const marker = (fault: GatewayFault) => ({ fault, marker: `${fault.kind}; run=${plan.runId}; check=${plan.checkId}` });
    if (plan.shared && this.store) {
      // A store that fails lets the call through: the run's grade shows the missing fault, the app is not harmed.
      return this.store.take(appId, plan).then(
        (fault) => (fault ? marker(fault) : null),
        (error: unknown) => (this.warn("take", error), null),
      );
    }
    const fault = plan.faults.shift();
    return fault ? marker(fault) : null;
  }

  /** Whether the app has a plan now (tests and the report). */
  has(appId: string): boolean {
    return this.plans.has(appId);
  }

  private forget(appId: string, runId?: string): void {
    const plan = this.plans.get(appId);
    if (plan && (!runId || plan.runId === runId)) this.plans.delete(appId);
  }

  private warn(what: "set" | "clear" | "take", error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    const then = {
      set: "the plan holds on this instance only",
      clear: "the plan still lapses at the run's time limit",
      take: "the call goes through without its fault",
    }[what];
    console.warn(`[readiness] shared fault plans: ${what} failed (${(error as Error)?.message ?? String(error)}); ${then}`);
  }
}
