import type { PortalSession, Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { newId } from "@openbank/contracts/ids";
import { ipPrefix } from "./ip-prefix";

/** A signed-in browser lasts a working week from sign-in; the cookie is re-issued as it is used. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Sensitive actions need a proof of identity (sign-in or step-up) this recent. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

/** lastSeenAt is written at most this often per session (a write per request would be wasteful). */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** How a session proved who it is: recorded on the row, shown on the sessions page. */
export type SignInMethod = "password" | "password+totp" | "password+recovery_code" | "password+passkey" | "passkey" | "sso";

export type SessionOrigin = { userAgent?: string | null; ip: string };

/** Opens a session for a developer who just proved who they are. */
export async function createSession(options: {
  userId: string;
  method: SignInMethod | string;
  origin: SessionOrigin;
}): Promise<PortalSession> {
  const now = new Date();
  return db().portalSession.create({
    data: {
      id: newId("session"),
      userId: options.userId,
      method: options.method,
      verifiedAt: now,
      userAgent: (options.origin.userAgent ?? "").slice(0, 400),
      ipPrefix: ipPrefix(options.origin.ip),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
}

/** The session if it is still good (not revoked, not expired, its user still there); null otherwise. */
export async function findActiveSession(sessionId: string, userId: string) {
  const session = await db().portalSession.findFirst({
    where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: new Date() } },
    include: { user: { select: { id: true, email: true, name: true, emailVerifiedAt: true } } },
  });
  if (session && Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db()
      .portalSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date() } })
      .catch(() => undefined); // a missed "last seen" is not worth failing the request
  }
  return session;
}

/**
 * Replaces a session with a new one (a new id, the same browser): after a step-up, so the id
 * changes whenever the session gains a privilege. The old id stops working at once.
 */
export async function rotateSession(
  current: Pick<PortalSession, "id" | "userId" | "method">,
  origin: SessionOrigin,
): Promise<PortalSession> {
  return db().$transaction(async (tx) => {
    await tx.portalSession.updateMany({ where: { id: current.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const now = new Date();
    return tx.portalSession.create({
      data: {
        id: newId("session"),
        userId: current.userId,
        method: current.method,
        verifiedAt: now,
        userAgent: (origin.userAgent ?? "").slice(0, 400),
        ipPrefix: ipPrefix(origin.ip),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      },
    });
  });
}

/** Ends one of the developer's sessions; false when it is not theirs or already ended. */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db().portalSession.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

/**
 * Ends every session of the developer except `keep` (all of them when it is omitted). Returns how
 * many. Pass `tx` to end them in the transaction that makes the change (a password reset).
 */
export async function revokeSessions(userId: string, options: { keep?: string; tx?: Prisma.TransactionClient } = {}): Promise<number> {
  const { count } = await (options.tx ?? db()).portalSession.updateMany({
    where: { userId, revokedAt: null, ...(options.keep ? { id: { not: options.keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Whether the session proved who it is recently enough for a sensitive action. */
export function recentlyVerified(session: Pick<PortalSession, "verifiedAt">, now = Date.now()): boolean {
  return now - session.verifiedAt.getTime() <= STEP_UP_WINDOW_MS;
}
