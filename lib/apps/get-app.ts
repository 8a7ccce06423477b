import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import type { z } from "zod";
import { appDtoSelect, toAppDto, type appDetailDto } from "./app-dto";
import { requireAppAccess } from "./require-app-access";

/** One app the user may read, with their role on it. */
export async function getApp(options: { appId: string; userId: string }): Promise<z.output<typeof appDetailDto>> {
  const access = await requireAppAccess({ ...options, action: "app:read" });
  const app = await db().app.findUnique({ where: { id: access.appId }, select: { ...appDtoSelect, team: { select: { name: true } } } });
  if (!app) throw new AppError("resource_not_found", `No app ${options.appId}.`);
  return { ...toAppDto(app), role: access.role, team_name: app.team.name };
}
