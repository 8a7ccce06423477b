import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { CurrentSession } from "./current-session";
import { setSessionCookie } from "./session-cookie";
import { toSessionDto, type SessionDto } from "./session-dto";
import { rotateSession, type SessionOrigin } from "./session-store";
import { verifyIdentity, type IdentityProof } from "./verify-identity";

/** The developer's active sessions, this one first, then the most recently seen. */
export async function listSessions(userId: string, currentId: string): Promise<SessionDto[]> {
  const rows = await db().portalSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 200,
  });
  return rows.map((row) => toSessionDto(row, currentId)).sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs one of the developer's other sessions out; 404 when it is not theirs or already over. */
export async function signOutSession(options: { actor: AuditActor; sessionId: string }): Promise<void> {
  const { actor, sessionId } = options;
  await db().$transaction(async (tx) => {
    const { count } = await tx.portalSession.updateMany({
      where: { id: sessionId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("resource_not_found", "No active session with this id.");
    await recordAudit(tx, { teamId: null, actor, action: "account.session_revoked", target: { type: "session", id: sessionId } });
  });
}

/** Signs out every session of the developer but `keep`; returns how many ended. */
export async function signOutOtherSessions(options: { actor: AuditActor; keep: string }): Promise<number> {
  const { actor, keep } = options;
  return db().$transaction(async (tx) => {
    const { count } = await tx.portalSession.updateMany({
      where: { userId: actor.userId, revokedAt: null, id: { not: keep } },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.sessions_revoked",
      target: { type: "user", id: actor.userId, name: actor.email },
      metadata: { sessions: count },
    });
    return count;
  });
}

/**
 * A step-up: checks a fresh proof of identity, then replaces the session with a new one (a new
 * id, verified now) and sets its cookie. Sensitive actions are then allowed for 10 minutes.
 */
export async function stepUp(options: {
  session: CurrentSession;
  actor: AuditActor;
  proof: IdentityProof;
  origin: SessionOrigin;
  headers: Headers;
}): Promise<{ verified_at: string; expires_at: string }> {
  const { session, actor, proof, origin, headers } = options;
  const proved = await verifyIdentity(session.user.id, proof, { ip: actor.ip });
  const next = await rotateSession({ id: session.id, userId: session.user.id, method: session.method }, origin);
  await recordAudit(db(), {
    teamId: null,
    actor,
    action: "account.stepped_up",
    target: { type: "session", id: next.id },
    metadata: { method: proved },
  });
  await setSessionCookie(headers, next, session.user);
  return { verified_at: next.verifiedAt.toISOString(), expires_at: new Date(next.verifiedAt.getTime() + 10 * 60 * 1000).toISOString() };
}
