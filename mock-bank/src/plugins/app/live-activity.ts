import fp from "fastify-plugin";
import { tickLiveActivity, type TickSummary } from "../../domain/live-activity/tick-live-activity";

declare module "fastify" {
  interface FastifyInstance {
    /** The live-activity ticker: `tick()` runs one round now (tests call it with an injected clock). */
    liveActivity: { tick(): Promise<TickSummary> };
  }
}

/**
 * Books live activity as real time passes: every `intervalMs` (BANK_LIVE_ACTIVITY_INTERVAL_MS;
 * 0 = off), one round of tickLiveActivity for the tenants that have it on. Rounds never
 * overlap (a slow round makes the next one wait for the following interval); several bank
 * instances may run it at once (each day is claimed once). Stopped when the app closes.
 */
export default fp(
  async function liveActivity(app, options: { intervalMs: number }) {
    let running: Promise<TickSummary> | null = null;
    const tick = (): Promise<TickSummary> => {
      running ??= tickLiveActivity({ db: app.db, realNow: app.now() }).finally(() => {
        running = null;
      });
      return running;
    };
    app.decorate("liveActivity", { tick });
    if (options.intervalMs <= 0) return;
    const timer = setInterval(() => {
      if (running) return;
      tick().catch((error: unknown) => app.log.error({ err: error }, "live activity round failed"));
    }, options.intervalMs);
    timer.unref();
    app.addHook("onClose", async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    });
  },
  { name: "live-activity", dependencies: ["store", "tenants"] },
);
