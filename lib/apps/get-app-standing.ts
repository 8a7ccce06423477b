import { db } from "../db";

export type AppStanding = { go_live: "none" | "pending" | "approved" | "rejected"; suspended_reason: string | null };

/** What the team should see about the app's standing with the platform: go-live and suspension. */
export async function getAppStanding(options: { appId: string }): Promise<AppStanding> {
  const app = await db().app.findUnique({
    where: { id: options.appId },
    select: { suspendedReason: true, goLiveRequests: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
  });
  return { go_live: app?.goLiveRequests[0]?.status ?? "none", suspended_reason: app?.suspendedReason ?? null };
}
