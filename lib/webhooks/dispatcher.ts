import type { DatabaseProvider } from "@openbank/database/database-url";
import { attemptDelivery, type AttemptConfig } from "./attempt-delivery";
import type { BankOutbox } from "./bank-outbox";
import { claimDueDeliveries } from "./claim-due-deliveries";
import { ingestEvents } from "./ingest-events";
import { endIdleListenSessions } from "../listen/listen-liveness";

/** How often the dispatcher ends listen sessions idle for long (cheap, but not every poll). */
const IDLE_SWEEP_MS = 10 * 60_000;

export type DispatcherOptions = AttemptConfig & {
  provider: DatabaseProvider;
  outbox: BankOutbox;
  pollIntervalMs: number;
  /** Deliveries sent at once. */
  concurrency?: number;
  log?: (line: string) => void;
};

/**
 * The webhook dispatcher: every poll it moves new events from the bank's outbox into delivery
 * rows, then claims the deliveries that are due and sends them, a few at a time. All state is
 * in the database, so a restart (or a second dispatcher) picks up exactly where it stopped.
 */
export function createDispatcher(options: DispatcherOptions) {
  const clock = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 8;
  const log = options.log ?? (() => undefined);
  // Longer than one attempt can take, so a live dispatcher's claim never lapses mid-send.
  const leaseMs = options.timeoutMs + 30_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let lastIdleSweep = 0;

  /** Ingests every waiting event, then sends every due delivery. Returns what it did. */
  async function tick(): Promise<{ ingested: number; attempted: number }> {
    let ingested = 0;
    if (clock().getTime() - lastIdleSweep >= IDLE_SWEEP_MS) {
      lastIdleSweep = clock().getTime();
      const ended = await endIdleListenSessions(options.db, clock());
      if (ended) log(`disabled ${ended} listen session(s) idle for a week`);
    }
    for (;;) {
      const count = await ingestEvents({ db: options.db, outbox: options.outbox, now: clock() });
      ingested += count;
      if (count < 100) break;
    }
    let attempted = 0;
    for (;;) {
      const ids = await claimDueDeliveries({ db: options.db, provider: options.provider, now: clock(), limit: concurrency, leaseMs });
      if (!ids.length) break;
      const outcomes = await Promise.allSettled(ids.map((deliveryId) => attemptDelivery(options, { deliveryId, trigger: "scheduled" })));
      attempted += ids.length;
      for (const [index, settled] of outcomes.entries()) {
        // Not recorded (the database refused): the claim lapses and the delivery is sent again.
        if (settled.status === "rejected")
          log(
            `delivery ${ids[index]}: attempt not recorded (${(settled.reason as Error).message}); it will be retried when its claim lapses`,
          );
        const outcome = settled.status === "fulfilled" ? settled.value : null;
        if (outcome && !outcome.ok)
          log(
            `attempt ${outcome.attemptId} failed (${outcome.status ?? outcome.error}); ${outcome.deliveryStatus === "failed" ? "giving up" : `next at ${outcome.nextAttemptAt?.toISOString()}`}`,
          );
      }
    }
    return { ingested, attempted };
  }

  /** When the current run of failed ticks began; null while ticks succeed. */
  let outage: number | null = null;

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .then(
          () => {
            if (outage) log(`recovered after ${Math.round((Date.now() - outage) / 1000)} s; delivering again`);
            outage = null;
          },
          (error: Error) => {
            // Once per outage (the bank starting after the dispatcher, a restart): not every poll.
            if (!outage) log(`tick failed: ${error.message}; retrying every ${options.pollIntervalMs} ms`);
            outage ??= Date.now();
          },
        )
        .finally(() => {
          running = null;
          schedule();
        });
    }, options.pollIntervalMs);
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    /** Stops polling and waits for the sends in flight. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
