import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { READINESS_CHECKS, RUN_TIME_LIMIT_MS } from "./check-catalogue";
import { readinessRunSelect, toReadinessRunDto, type ReadinessRunDto } from "./readiness-dto";
import { engineDeps, ensureReadinessTicker } from "./readiness-engine";
import { initialChecks } from "./run-state";

/** Starts a run for the app (one at a time per app: a second start while one runs is a 409). */
export async function startReadinessRun(options: { appId: string; userId: string }): Promise<ReadinessRunDto> {
  const { db } = engineDeps();
  const running = await db.readinessRun.findFirst({ where: { appId: options.appId, status: "running" }, select: { id: true } });
  if (running)
    throw new AppError("conflict", `Readiness run ${running.id} is still running for this app: cancel it or wait for it to end.`);
  const now = new Date();
  const row = await db.readinessRun.create({
    data: {
      id: newId("readinessRun"),
      appId: options.appId,
      status: "running",
      startedBy: options.userId,
      startedAt: now,
      expiresAt: new Date(now.getTime() + RUN_TIME_LIMIT_MS),
      checks: initialChecks(READINESS_CHECKS.map((check) => check.id)),
    },
    select: readinessRunSelect,
  });
  ensureReadinessTicker();
  return toReadinessRunDto(row);
}
