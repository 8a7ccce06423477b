import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPasskeyAssertion } from "@/lib/passkeys/verify-passkey";
import type { SignInMethod } from "@/lib/sessions/session-store";
import { verifySecondFactorCode } from "@/lib/two-factor/verify-code";
import { tooManyAttemptsError, TWO_FACTOR_INVALID, twoFactorRequiredError, type SecondFactorKind } from "./sign-in-errors";
import { signInThrottle } from "./sign-in-throttle";

/** A passkey assertion as the sign-in form posts it: one JSON string field, `{"challenge_id", "response"}`. */
const passkeyField = z.object({ challenge_id: z.string().max(64), response: z.record(z.string().max(64), z.unknown()) });

export function parsePasskeyField(value: unknown): z.output<typeof passkeyField> | null {
  if (typeof value !== "string" || value.length > 20_000) return null;
  try {
    const parsed = passkeyField.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The second step of a password sign-in, for a developer whose password was right. Without a
 * second factor: "password". With one, the password alone does not sign in: without a code or
 * passkey this throws "TwoFactorRequired:…" (the form then asks for one); a wrong one throws
 * "TwoFactorInvalid". Guesses are also counted per account (a password known to someone trying
 * from many addresses still gets 5 code guesses per window), besides the email + address throttle.
 */
export async function secondFactorSignIn(options: {
  userId: string;
  code?: unknown;
  passkey?: unknown;
  ip: string;
}): Promise<SignInMethod> {
  const { userId, ip } = options;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { totpEnabledAt: true, _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } } },
  });
  if (!user || (!user.totpEnabledAt && user._count.passkeys === 0)) return "password";

  const code = typeof options.code === "string" && options.code.trim() ? options.code.trim().slice(0, 32) : undefined;
  const passkey = code ? null : parsePasskeyField(options.passkey);
  if (!code && !passkey) {
    const kinds: SecondFactorKind[] = [];
    if (user.totpEnabledAt) kinds.push("totp");
    if (user._count.passkeys > 0) kinds.push("passkey");
    if (user._count.recoveryCodes > 0) kinds.push("recovery_code");
    throw new Error(twoFactorRequiredError(kinds));
  }

  const throttle = signInThrottle();
  const key = `second-factor\n${userId}`;
  const decision = await throttle.attempt(key);
  if (!decision.allowed) throw new Error(tooManyAttemptsError(decision.retryAfterSeconds));

  let method: SignInMethod | null = null;
  if (code) {
    const kind = await verifySecondFactorCode(userId, code, { ip });
    if (kind) method = kind === "totp" ? "password+totp" : "password+recovery_code";
  } else if (passkey) {
    const proved = await verifyPasskeyAssertion({
      purpose: "sign_in",
      userId,
      challengeId: passkey.challenge_id,
      response: passkey.response,
    });
    if (proved) method = "password+passkey";
  }
  if (!method) throw new Error(TWO_FACTOR_INVALID);
  await throttle.reset(key);
  return method;
}

/** Passwordless: a passkey alone, verified with user verification (PIN or biometric), signs its developer in. */
export async function passkeySignIn(field: unknown) {
  const passkey = parsePasskeyField(field);
  if (!passkey) return null;
  const proved = await verifyPasskeyAssertion({
    purpose: "sign_in",
    challengeId: passkey.challenge_id,
    response: passkey.response,
    requireUserVerification: true,
  });
  if (!proved) return null;
  return db().user.findUnique({ where: { id: proved.userId }, select: { id: true, email: true, name: true } });
}
