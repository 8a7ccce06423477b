import { randomInt } from "node:crypto";
import { accountThrottle, enforceThrottle } from "@/lib/auth/throttles";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { passwordResetMessage } from "./account-emails";
import { ACCOUNT_TOKEN_TTL_MS, issueAccountToken } from "./account-token";

export type PasswordResetRequested = { accepted: true; expires_in_seconds: number };

/** Up to this long between the answer and the work for the address. */
const MAX_JITTER_MS = 500;

/** Runs work after the answer has gone (Next's `after` in the route; tests pass their own). */
export type Defer = (task: () => Promise<unknown>) => void;

/**
 * "Forgot password?": answers the same thing, in the same time, whether or not an account uses
 * the address. Nothing that depends on the address happens before the answer: the throttles count
 * the address and the client either way, and the lookup, the link and the mail run after the
 * response has gone (`defer`), after a random pause. Throttled callers get 429 for known and
 * unknown addresses alike.
 */
export async function requestPasswordReset(options: { email: string; ip: string; defer: Defer }): Promise<PasswordResetRequested> {
  await enforceThrottle(accountThrottle("passwordResetIp"), options.ip);
  await enforceThrottle(accountThrottle("forgotPassword"), options.email);
  options.defer(async () => {
    // A random delay first: the work for a known address (a row, a mail) must not line up with
    // the caller's next request either, where its cost could be measured.
    await new Promise((resolve) => setTimeout(resolve, randomInt(0, MAX_JITTER_MS)));
    await sendPasswordResetLink(options.email);
  });
  return { accepted: true, expires_in_seconds: ACCOUNT_TOKEN_TTL_MS.reset_password / 1000 };
}

/**
 * Emails a reset link (1 h, single use) when an account uses the address; for an account made by
 * single sign-on it sets a first password. Never throws: it runs after the answer, and says
 * nothing in the log that would name the address.
 */
export async function sendPasswordResetLink(email: string): Promise<boolean> {
  try {
    const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
    if (!user) return false;
    const { link, expiresAt } = await issueAccountToken(db(), { userId: user.id, kind: "reset_password", email: user.email });
    return await sendMail(
      passwordResetMessage({ to: user.email, name: user.name, link, expiresAt, hasPassword: user.passwordHash !== null }),
    );
  } catch (error) {
    // The error's name and code only: a database error's message can quote the query, address included.
    const { name, code } = error as { name?: string; code?: string };
    console.error(`[password-reset] the reset link could not be prepared (${[name, code].filter(Boolean).join(" ") || "unknown error"})`);
    return false;
  }
}
