import type { PrismaClient } from "@prisma/client";
import type { AttemptConfig } from "../webhooks/attempt-delivery";
import { checkById } from "./check-catalogue";
import { loadAttempts, loadCalls } from "./load-run-traffic";
import type { CheckResult, EngineAction, EngineActionDone, ReadinessCheck } from "./readiness-check";
import type { ReadinessFaults } from "./readiness-faults";
import { finalStatus, readChecks, type CheckState, type RunStatus } from "./run-state";
import { sendReadinessWebhooks } from "./send-readiness-webhooks";
import { performEngineAction } from "./engine-actions";

export type EngineDeps = {
  db: PrismaClient;
  faults: ReadinessFaults;
  webhooks: Pick<AttemptConfig, "pepper" | "timeoutMs" | "allowLoopback" | "internalPorts" | "send">;
  now?: () => Date;
  /** Does a check's action to the app (revoke a consent, move its clock): at the bank by default. */
  act?: (options: { appId: string; action: EngineAction }) => Promise<string>;
};

/** How long an engine holds its claim on a run while it sends and grades. */
const CLAIM_MS = 60_000;
/** Request logs reach the database in batches (250 ms): a call is graded once it had time to land. */
export const LOG_GRACE_MS = 600;

/**
 * One step of a run: expires it past its time limit; starts the next check (its faults planned
 * for the app's gateway calls, its webhooks sent to the app's endpoints); grades the running
 * check from the traffic since it started, or at its time limit with what there is; ends the
 * run after the last check. Claimed in the database, so two engines (a poll and the ticker, or
 * two instances) never advance one run at once; a run someone else holds is left alone.
 */
export async function advanceReadinessRun(deps: EngineDeps, runId: string): Promise<void> {
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());
  const now = clock();
  const claimed = await db.readinessRun.updateMany({
    where: { id: runId, status: "running", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  if (claimed.count !== 1) return;
  const run = await db.readinessRun.findUniqueOrThrow({
    where: { id: runId },
    select: { id: true, appId: true, expiresAt: true, checks: true },
  });
  const checks = readChecks(run.checks);
  let status: RunStatus = "running";
  try {
    if (now >= run.expiresAt) {
      status = "expired";
      endRemaining(checks, now, "The run reached its time limit before this check was graded.");
    } else {
      status = await step(deps, { runId, appId: run.appId, expiresAt: run.expiresAt, checks, clock });
    }
  } finally {
    // Only while still running: a cancel that came meanwhile stands (and its faults stay stopped).
    const saved = await db.readinessRun.updateMany({
      where: { id: runId, status: "running" },
      data: { checks, status, lockedUntil: null, ...(status !== "running" ? { endedAt: clock() } : {}) },
    });
    if (status !== "running" || saved.count !== 1) await deps.faults.clear(run.appId, runId);
  }
}

async function step(
  deps: EngineDeps,
  run: { runId: string; appId: string; expiresAt: Date; checks: CheckState[]; clock: () => Date },
): Promise<RunStatus> {
  for (;;) {
    const state = run.checks.find((check) => check.status === "running") ?? run.checks.find((check) => check.status === "waiting");
    if (!state) return finalStatus(run.checks);
    const check = checkById(state.id);
    if (!check) {
      Object.assign(state, { status: "skipped", ended_at: run.clock().toISOString(), summary: "This check no longer exists." });
      continue;
    }
    if (state.status === "waiting") await startCheck(deps, run, check, state);
    const result = await gradeCheck(deps, run, check, state);
    if (!result) return "running";
    await deps.faults.clear(run.appId, run.runId);
    Object.assign(state, {
      status: "done",
      ended_at: run.clock().toISOString(),
      grade: result.grade,
      summary: result.summary,
      request_ids: result.requestIds,
      delivery_ids: result.deliveryIds.length ? result.deliveryIds : state.delivery_ids,
    });
  }
}

async function startCheck(
  deps: EngineDeps,
  run: { runId: string; appId: string; expiresAt: Date; clock: () => Date },
  check: ReadinessCheck,
  state: CheckState,
) {
  state.status = "running";
  state.started_at = run.clock().toISOString();
  if (check.faults) {
    await deps.faults.set(run.appId, { runId: run.runId, checkId: check.id, expiresAt: run.expiresAt.getTime(), ...check.faults });
  }
  if (check.deliveries) {
    Object.assign(
      state,
      await sendReadinessWebhooks({ db: deps.db, ...deps.webhooks }, { appId: run.appId, planned: check.deliveries(run.runId) }),
    );
  }
}

async function gradeCheck(
  deps: EngineDeps,
  run: { appId: string; clock: () => Date },
  check: ReadinessCheck,
  state: CheckState,
): Promise<CheckResult | null> {
  const startedAt = Date.parse(state.started_at!);
  const now = run.clock().getTime();
  const timedOut = now - startedAt >= check.timeoutMs;
  // Calls are graded once their log had time to reach the database.
  const calls =
    check.faults || check.readsCalls || check.act
      ? (await loadCalls(deps.db, { appId: run.appId, from: new Date(startedAt) })).filter(
          (call) => call.endedAt <= now - LOG_GRACE_MS || timedOut,
        )
      : [];
  const attempts = await loadAttempts(deps.db, state);
  const input = { calls, attempts, endpoints: state.endpoints, startedAt, now, timedOut, actions: actionsDone(state) };
  if (check.act && !timedOut) {
    // The engine acts on the app mid-check (once per tag), then grades from the next step.
    const action = check.act(input);
    if (action && !input.actions.some((done) => done.tag === action.tag)) {
      const detail = await (deps.act ?? performEngineAction)({ appId: run.appId, action });
      (state.actions ??= []).push({ ...action, at: run.clock().toISOString(), detail });
      return null;
    }
  }
  const result = check.grade(input);
  return result ?? (timedOut ? { grade: "fail", summary: "The check ran out of time.", requestIds: [], deliveryIds: [] } : null);
}

function actionsDone(state: CheckState): EngineActionDone[] {
  return (state.actions ?? []).map((done) => ({ ...done, at: Date.parse(done.at) }));
}

/** Ends the running and waiting checks of a run that stops early (cancelled, expired). */
export function endRemaining(checks: CheckState[], now: Date, summary: string): void {
  for (const check of checks) {
    if (check.status === "running") Object.assign(check, { status: "done", grade: "fail", summary, ended_at: now.toISOString() });
    else if (check.status === "waiting") Object.assign(check, { status: "skipped", ended_at: now.toISOString() });
  }
}
