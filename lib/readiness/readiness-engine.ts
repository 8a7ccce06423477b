import { attemptConfig } from "../webhooks/dispatcher-config";
import { portal } from "../runtime";
import { advanceReadinessRun, type EngineDeps } from "./advance-readiness-run";

/** The engine as this portal runs it: its database, its gateway's fault plans, its webhook settings. */
export function engineDeps(): EngineDeps {
  const { db, env, readinessFaults } = portal();
  const { pepper, timeoutMs, allowLoopback, internalPorts, send } = attemptConfig(env, db);
  return { db, faults: readinessFaults, webhooks: { pepper, timeoutMs, allowLoopback, internalPorts, send } };
}

const TICK_MS = 500;
const slot = globalThis as unknown as { openbankReadinessTicker?: NodeJS.Timeout | null };

/**
 * Advances every running run of this portal twice a second while there is one, so checks end and
 * faults stop even when nobody is looking at the run; it stops by itself when none is left.
 * Started (once per process) when a run starts or is read.
 */
export function ensureReadinessTicker(): void {
  if (slot.openbankReadinessTicker) return;
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  slot.openbankReadinessTicker = timer;
  let busy = false;
  async function tick() {
    if (busy) return;
    busy = true;
    try {
      const deps = engineDeps();
      const running = await deps.db.readinessRun.findMany({ where: { status: "running" }, select: { id: true }, take: 100 });
      if (!running.length) {
        clearInterval(timer);
        slot.openbankReadinessTicker = null;
        return;
      }
      await Promise.allSettled(running.map((run) => advanceReadinessRun(deps, run.id)));
    } catch (error) {
      console.error(`[readiness] tick failed: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      busy = false;
    }
  }
}
