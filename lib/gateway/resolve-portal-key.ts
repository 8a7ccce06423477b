import { decode } from "next-auth/jwt";
import { db } from "../db";
import { env } from "../env";
import { checkKey, keyCacheSelect, toCachedKey, type KeyVerification } from "../keys/verify-key";
import { SESSION_COOKIE_NAMES } from "../sessions/session-cookie";
import { findActiveSession } from "../sessions/session-store";
import { blockedTeamIds } from "../team-policies/two-factor-policy";
import { can } from "../teams/permissions";
import type { HeaderMap } from "./call";

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/**
 * The interactive docs' credential: the portal session + a key id the developer picked.
 * Same-origin only (a custom header plus an Origin check), so other sites cannot ride
 * on the session cookie. The key must be active and in one of the user's teams.
 */
export async function resolvePortalKey(request: { headers: Pick<HeaderMap, "get"> }, keyId: string): Promise<KeyVerification> {
  const config = env();
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(config.PORTAL_URL).origin) return { valid: false, code: "invalid_api_key" };
  if (request.headers.get("sec-fetch-site") === "cross-site") return { valid: false, code: "invalid_api_key" };

  const cookies = request.headers.get("cookie");
  const raw = SESSION_COOKIE_NAMES.map((name) => readCookie(cookies, name)).find(Boolean);
  const token = raw ? await decode({ token: raw, secret: config.NEXTAUTH_SECRET }).catch(() => null) : null;
  if (!token?.sub || typeof token.sid !== "string") return { valid: false, code: "invalid_api_key" };
  // A revoked or expired session stops the docs' calls too, not only the portal's pages.
  if (!(await findActiveSession(token.sid, token.sub))) return { valid: false, code: "invalid_api_key" };

  const blocked = await blockedTeamIds(token.sub); // a team whose two-factor policy shuts the user out
  const key = await db().apiKey.findFirst({
    where: { id: keyId, app: { teamId: { notIn: blocked }, team: { memberships: { some: { userId: token.sub } } } } },
    select: {
      ...keyCacheSelect,
      app: { select: { status: true, team: { select: { memberships: { where: { userId: token.sub }, select: { role: true } } } } } },
    },
  });
  if (!key || !can(key.app.team.memberships[0].role, "key:use")) return { valid: false, code: "invalid_api_key" };
  return checkKey(toCachedKey(key));
}
