import { AppError } from "@openbank/contracts/errors";
import { readinessRunSelect, toReadinessRunDto, type ReadinessRunDto } from "./readiness-dto";
import { engineDeps } from "./readiness-engine";
import { readChecks } from "./run-state";

/** Cancels a running run: its faults stop at once, its unfinished checks are skipped. An ended run is a 409. */
export async function cancelReadinessRun(options: { appId: string; runId: string }): Promise<ReadinessRunDto> {
  const { db, faults } = engineDeps();
  const row = await db.readinessRun.findFirst({ where: { id: options.runId, appId: options.appId }, select: readinessRunSelect });
  if (!row) throw new AppError("resource_not_found", `No readiness run ${options.runId}.`);
  if (row.status !== "running") throw new AppError("conflict", `Readiness run ${options.runId} has already ended (${row.status}).`);
  await faults.clear(options.appId, options.runId);
  const now = new Date();
  const checks = readChecks(row.checks).map((check) =>
    check.status === "running" || check.status === "waiting"
      ? { ...check, status: "skipped" as const, ended_at: now.toISOString(), summary: "The run was cancelled." }
      : check,
  );
  // Only while still running: an engine that ended it meanwhile wins.
  const updated = await db.readinessRun.updateMany({
    where: { id: row.id, status: "running" },
    data: { status: "cancelled", endedAt: now, checks, lockedUntil: null },
  });
  if (updated.count !== 1) throw new AppError("conflict", `Readiness run ${options.runId} has already ended.`);
  await faults.clear(options.appId, options.runId);
  return toReadinessRunDto({ ...row, status: "cancelled", endedAt: now, checks });
}
