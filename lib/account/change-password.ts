import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { passwordEmailProblem } from "@/lib/auth/password-policy";
import { PASSWORD_MAX_BYTES } from "@/lib/auth/password-rules";
import { signInThrottle } from "@/lib/auth/sign-in-throttle";
import { enforceThrottle } from "@/lib/auth/throttles";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import type { CurrentSession } from "@/lib/sessions/current-session";
import { setSessionCookie } from "@/lib/sessions/session-cookie";
import { revokeSessions, rotateSession, type SessionOrigin } from "@/lib/sessions/session-store";
import { hasSecondFactor } from "@/lib/sessions/verify-identity";
import { passwordChangedNotice } from "./account-emails";
import { retireAccountTokens } from "./account-token";

export type PasswordChanged = { sessions_revoked: number };

const fieldProblem = (code: "validation_failed" | "password_incorrect", pointer: string, detail: string) =>
  new AppError(code, detail, { errors: [{ pointer, detail }] });

/**
 * Changes the password of the signed-in developer: the current one is required (guesses count
 * against the sign-in throttle), the new one follows the sign-up policy (the body's schema, plus
 * the rule that needs the email). Every other session is signed out, outstanding reset links stop
 * working, and this browser gets a new session id (the cookie is set on `headers`).
 */
export async function changePassword(options: {
  session: CurrentSession;
  actor: AuditActor;
  currentPassword: string;
  newPassword: string;
  origin: SessionOrigin;
  headers: Headers;
}): Promise<PasswordChanged> {
  const { session, actor } = options;
  const userId = session.user.id;
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("unauthenticated");
  if (!user.passwordHash) throw new AppError("no_password");

  const throttle = signInThrottle();
  const key = `change-password\n${userId}`;
  await enforceThrottle(throttle, key, "too_many_sign_in_attempts");
  const usable = Buffer.byteLength(options.currentPassword, "utf8") <= PASSWORD_MAX_BYTES;
  if (!(await verifyPassword(options.currentPassword, usable ? user.passwordHash : undefined))) {
    throw fieldProblem("password_incorrect", "/body/current_password", "This is not your current password");
  }
  await throttle.reset(key);
  if (options.newPassword === options.currentPassword) {
    throw fieldProblem("validation_failed", "/body/new_password", "Choose a password different from your current one");
  }
  const emailProblem = passwordEmailProblem(options.newPassword, user.email);
  if (emailProblem) throw fieldProblem("validation_failed", "/body/new_password", emailProblem);

  const passwordHash = await hashPassword(options.newPassword);
  const revoked = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await retireAccountTokens(tx, userId, ["reset_password"]);
    const count = await revokeSessions(userId, { keep: session.id, tx });
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.password_changed",
      target: { type: "user", id: userId, name: user.email },
      metadata: { sessions_revoked: count },
    });
    return count;
  });

  // A new session id for this browser. With a second factor on, the password alone is not a
  // step-up: the new session keeps the old one's proof time.
  const next = await rotateSession({ id: session.id, userId, method: session.method }, options.origin);
  if (await hasSecondFactor(userId)) {
    await db().portalSession.update({ where: { id: next.id }, data: { verifiedAt: session.verifiedAt } });
  }
  await setSessionCookie(options.headers, next, { email: user.email, name: user.name });
  await sendMail(passwordChangedNotice({ to: user.email, name: user.name, at: new Date(), how: "changed" }));
  return { sessions_revoked: revoked };
}
