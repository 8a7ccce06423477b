import { db } from "../db";
import { goLiveSelect, toGoLiveDto, type GoLiveRequestDto } from "../go-live/go-live-dto";
import { latestPassedReadinessRun } from "../readiness/list-readiness-runs";
import type { ReadinessRunDto } from "../readiness/readiness-dto";

export type GoLiveReviewDto = GoLiveRequestDto & {
  app_name: string;
  team_name: string;
  submitted_by: string;
  /** The app's latest passed readiness run: the go-live evidence (null: none yet). Pending requests only. */
  readiness: ReadinessRunDto | null;
};

/** Go-live requests for the admin queue: pending first (oldest first), then recent decisions. */
export async function listGoLiveReviews(): Promise<GoLiveReviewDto[]> {
  const select = { ...goLiveSelect, submittedById: true, app: { select: { name: true, team: { select: { name: true } } } } } as const;
  const [pending, decided] = await Promise.all([
    db().goLiveRequest.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: 100, select }),
    db().goLiveRequest.findMany({ where: { status: { not: "pending" } }, orderBy: { decidedAt: "desc" }, take: 20, select }),
  ]);
  const rows = [...pending, ...decided];
  const users = await db().user.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.submittedById))] } },
    select: { id: true, email: true },
  });
  const emails = new Map(users.map((user) => [user.id, user.email]));
  const readiness = new Map(await Promise.all(pending.map(async (row) => [row.appId, await latestPassedReadinessRun(row.appId)] as const)));
  return rows.map((row) => ({
    readiness: readiness.get(row.appId) ?? null,
    ...toGoLiveDto(row),
    app_name: row.app.name,
    team_name: row.app.team.name,
    submitted_by: emails.get(row.submittedById) ?? "unknown",
  }));
}
