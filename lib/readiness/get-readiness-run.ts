import { AppError } from "@openbank/contracts/errors";
import { loadCalls } from "./load-run-traffic";
import { readinessRunSelect, toReadinessRunDto, toTrafficDto, type ReadinessReportDto, type ReadinessRunDto } from "./readiness-dto";
import { engineDeps, ensureReadinessTicker } from "./readiness-engine";

async function findRun(options: { appId: string; runId: string }) {
  const { db } = engineDeps();
  // Scoped by the app: another app's run is a 404, whoever asks.
  const row = await db.readinessRun.findFirst({ where: { id: options.runId, appId: options.appId }, select: readinessRunSelect });
  if (!row) throw new AppError("resource_not_found", `No readiness run ${options.runId}.`);
  if (row.status === "running") ensureReadinessTicker();
  return row;
}

/** A run of the app as it stands (the ticker advances running runs twice a second). */
export async function getReadinessRun(options: { appId: string; runId: string }): Promise<ReadinessRunDto> {
  return toReadinessRunDto(await findRun(options));
}

/** The report: the run, and the traffic it saw (the app's gateway calls and the run's deliveries). */
export async function getReadinessReport(options: { appId: string; runId: string }): Promise<ReadinessReportDto> {
  const row = await findRun(options);
  const calls = await loadCalls(engineDeps().db, { appId: row.appId, from: row.startedAt, to: row.endedAt ?? undefined });
  return { ...toReadinessRunDto(row), traffic: toTrafficDto(calls, row) };
}
