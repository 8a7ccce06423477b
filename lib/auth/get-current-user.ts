import { cache } from "react";
import { getCurrentSession } from "@/lib/sessions/current-session";
import type { UserDto } from "./types";

/**
 * The signed-in user for server components and route handlers, or null: the developer of the
 * current session (lib/sessions), read from the database once per render, so a revoked
 * session, a deleted user or a rename shows at once.
 */
export const getCurrentUser = cache(async (): Promise<UserDto | null> => (await getCurrentSession())?.user ?? null);
