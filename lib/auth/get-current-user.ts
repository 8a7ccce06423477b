import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db";
import { authOptions } from "./auth-options";
import { userDtoSelect, type UserDto } from "./types";

/**
 * The signed-in user for server components and route handlers, or null. Read from the
 * database (once per render), so a deleted user's cookie stops working and renames show.
 */
export const getCurrentUser = cache(async (): Promise<UserDto | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: userDtoSelect });
});
