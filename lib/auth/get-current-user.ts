import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { authOptions } from "./auth-options";
import { userDtoSelect, type UserDto } from "./types";

/**
 * The signed-in user for server components and route handlers, or null. Read from the
 * database (once per render), so a deleted user's cookie stops working and renames show.
 */
export const getCurrentUser = cache(async (): Promise<UserDto | null> => {
  // Read the request first: this makes the page dynamic, so `next build` never tries to
  // prerender it (and never needs the runtime secrets that authOptions() reads).
  await headers();
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: userDtoSelect });
});
