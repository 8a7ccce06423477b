import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { SESSION_MAX_AGE_SECONDS } from "./session-store";

/** next-auth's cookie name: `__Secure-` when the portal is served over https. */
export function sessionCookieName(): string {
  return new URL(env().PORTAL_URL).protocol === "https:" ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** Every name the cookie can have (the gateway accepts either, as next-auth does). */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Sets the session cookie for a session row, as next-auth would have (a JWE with `sub` and
 * `sid`): used when the portal replaces a session itself, after a step-up or a password change.
 */
export async function setSessionCookie(headers: Headers, session: { id: string; userId: string }, user: { email: string; name: string }) {
  const { NEXTAUTH_SECRET, PORTAL_URL } = env();
  const token = await encode({
    secret: NEXTAUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
    token: { sub: session.userId, sid: session.id, name: user.name, email: user.email },
  });
  const secure = new URL(PORTAL_URL).protocol === "https:";
  headers.append(
    "set-cookie",
    `${sessionCookieName()}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}${secure ? "; Secure" : ""}`,
  );
}

/** Clears the session cookie (both names): after the account behind it is deleted, say. */
export function clearSessionCookie(headers: Headers) {
  for (const name of SESSION_COOKIE_NAMES) {
    headers.append("set-cookie", `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  }
}
