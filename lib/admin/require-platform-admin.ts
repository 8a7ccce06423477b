import { notFound } from "next/navigation";
import { getCurrentUser } from "../auth/get-current-user";
import type { UserDto } from "../auth/types";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";

async function isPlatformAdmin(userId: string): Promise<boolean> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { platformAdmin: true } });
  return row?.platformAdmin === true;
}

/**
 * For admin API handlers: the user must be a platform admin. Everyone else gets the same 404
 * as an unknown route, so the console's existence is not advertised.
 */
export async function assertPlatformAdmin(user: UserDto): Promise<void> {
  if (!(await isPlatformAdmin(user.id))) throw new AppError("not_found");
}

/** For admin pages: the signed-in platform admin, or the 404 page (signed out too). */
export async function requirePlatformAdminPage(): Promise<UserDto> {
  const user = await getCurrentUser();
  if (!user || !(await isPlatformAdmin(user.id))) notFound();
  return user;
}
