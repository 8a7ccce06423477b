import { readinessRunSelect, toReadinessRunDto, type ReadinessRunDto } from "./readiness-dto";
import { engineDeps } from "./readiness-engine";

export const MAX_READINESS_RUNS = 50;

/** The app's runs, newest first (the last 50). */
export async function listReadinessRuns(options: { appId: string; status?: string }): Promise<{ data: ReadinessRunDto[] }> {
  const rows = await engineDeps().db.readinessRun.findMany({
    where: { appId: options.appId, ...(options.status ? { status: options.status } : {}) },
    select: readinessRunSelect,
    orderBy: { startedAt: "desc" },
    take: MAX_READINESS_RUNS,
  });
  return { data: rows.map(toReadinessRunDto) };
}

/** The app's latest passed run (go-live evidence), or null. */
export async function latestPassedReadinessRun(appId: string): Promise<ReadinessRunDto | null> {
  const row = await engineDeps().db.readinessRun.findFirst({
    where: { appId, status: "passed" },
    select: readinessRunSelect,
    orderBy: { startedAt: "desc" },
  });
  return row ? toReadinessRunDto(row) : null;
}
