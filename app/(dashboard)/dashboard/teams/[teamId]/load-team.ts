import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/require-user";
import { AppError } from "@openbank/contracts/errors";
import { redirectIfShutOut } from "@/lib/team-policies/shut-out-redirect";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import type { Action } from "@/lib/teams/permissions";

/**
 * The team page's team and the viewer's membership, or the 404 page (also for teams they are not
 * in). A team whose two-factor policy shuts them out sends them to set up a second factor.
 */
export const loadTeam = cache(async (teamId: string, action: Action, path: string) => {
  const user = await requireUser({ callbackUrl: path });
  try {
    return { user, access: await requireTeamAccess({ teamId, userId: user.id, action }) };
  } catch (error) {
    if (error instanceof AppError && error.code === "resource_not_found") notFound();
    redirectIfShutOut(error);
    throw error;
  }
});
