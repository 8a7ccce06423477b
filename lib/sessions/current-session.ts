import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { UserDto } from "@/lib/auth/types";
import { env } from "@/lib/env";
import { SESSION_COOKIE_NAMES } from "./session-cookie";
import { findActiveSession } from "./session-store";

/** The signed-in browser: its session row and its developer. */
export type CurrentSession = {
  id: string;
  method: string;
  /** Last sign-in or step-up: sensitive actions need it within STEP_UP_WINDOW_MS. */
  verifiedAt: Date;
  user: UserDto;
  emailVerified: boolean;
};

/**
 * The current session for server components and route handlers, or null. The cookie names a
 * session row (`sid`); the row is read on every request (once per render), so a revoked
 * session, on any portal instance, stops working at its next request.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  // Read the request first: this makes the page dynamic, so `next build` never tries to
  // prerender it (and never needs the runtime secrets that authOptions() reads).
  await headers();
  return sessionFromCookie(await cookies());
});

/** The session a cookie jar names (the JWE's `sub` and `sid`), if it is still active. */
export async function sessionFromCookie(jar: { get(name: string): { value: string } | undefined }): Promise<CurrentSession | null> {
  const raw = SESSION_COOKIE_NAMES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET }).catch(() => null);
  const userId = token?.sub;
  const sessionId = typeof token?.sid === "string" ? token.sid : undefined;
  if (!userId || !sessionId) return null;
  const session = await findActiveSession(sessionId, userId);
  if (!session) return null;
  const { emailVerifiedAt, ...user } = session.user;
  return { id: session.id, method: session.method, verifiedAt: session.verifiedAt, user, emailVerified: emailVerifiedAt !== null };
}
