import type { Role } from "@prisma/client";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "../auth/require-user";
import { AppError } from "@openbank/contracts/errors";
import { redirectIfShutOut } from "../team-policies/shut-out-redirect";
import { can, type Action } from "../teams/permissions";
import { getApp } from "./get-app";

/**
 * For an app's dashboard pages: the signed-in user (else sign-in) and the app (else the 404
 * page; other teams' apps are "not found" too, so ids cannot be probed). With `action`, a role
 * that may not do it also gets the 404 page. A team whose two-factor policy shuts the user out
 * sends them to set up a second factor.
 */
export const loadAppPage = cache(async (appId: string, path: string, action?: Action) => {
  const user = await requireUser({ callbackUrl: `/dashboard/apps/${appId}${path}` });
  try {
    const app = await getApp({ appId, userId: user.id });
    if (action && !can(app.role as Role, action)) notFound();
    return { user, app, role: app.role as Role };
  } catch (error) {
    if (error instanceof AppError && error.code === "resource_not_found") notFound();
    redirectIfShutOut(error);
    throw error;
  }
});
