import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { verifyPassword } from "@/lib/auth/password-hash";
import { PASSWORD_MAX_BYTES } from "@/lib/auth/password-rules";
import { signInThrottle } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { resourceId } from "@/lib/portal-api/schemas";
import { verifyPasskeyAssertion } from "@/lib/passkeys/verify-passkey";
import { verifySecondFactorCode } from "@/lib/two-factor/verify-code";

/** One proof of identity: the password (only without a second factor), a TOTP or recovery code, or a passkey. */
export const identityProofSchema = z
  .object({
    password: z.string().min(1, "Enter your password").max(1024).optional(),
    code: z
      .string()
      .min(6, "Enter the 6-digit code, or a recovery code")
      .max(32)
      .optional()
      .describe("A 6-digit code from the authenticator app, or a recovery code (`xxxxx-xxxxx`)."),
    passkey: z
      .object({
        challenge_id: resourceId.describe("From `POST /api/account/passkeys/challenge` with purpose `step_up`."),
        response: z.record(z.string().max(64), z.unknown()).describe("The browser's `AuthenticationResponseJSON`."),
      })
      .optional(),
  })
  .refine((proof) => [proof.password, proof.code, proof.passkey].filter((value) => value !== undefined).length === 1, {
    message: "Send exactly one of password, code or passkey",
  });

export type IdentityProof = z.output<typeof identityProofSchema>;

/** Whether the developer has a second factor (an authenticator app or a passkey). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { totpEnabledAt: true, _count: { select: { passkeys: true } } },
  });
  return Boolean(user?.totpEnabledAt) || (user?._count.passkeys ?? 0) > 0;
}

/**
 * Checks a proof of identity from a signed-in developer (a step-up). With a second factor on, the
 * password alone is not enough. Tries count against the same throttle as sign-in, per account.
 * Throws step_up_failed (403) or too_many_sign_in_attempts (429); returns how it was proved.
 */
export async function verifyIdentity(
  userId: string,
  proof: IdentityProof,
  context: { ip?: string } = {},
): Promise<"password" | "totp" | "recovery_code" | "passkey"> {
  const throttle = signInThrottle();
  const key = `step-up\n${userId}`;
  const decision = await throttle.attempt(key);
  if (!decision.allowed) {
    throw new AppError("too_many_sign_in_attempts", `Try again in ${decision.retryAfterSeconds} s.`, {
      headers: { "retry-after": String(decision.retryAfterSeconds) },
    });
  }

  let method: "password" | "totp" | "recovery_code" | "passkey" | null = null;
  if (proof.password !== undefined) {
    const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
    const usable = Buffer.byteLength(proof.password, "utf8") <= PASSWORD_MAX_BYTES;
    const matches = await verifyPassword(proof.password, usable ? user?.passwordHash : undefined);
    if (matches && !(await hasSecondFactor(userId))) method = "password";
  } else if (proof.code !== undefined) {
    method = await verifySecondFactorCode(userId, proof.code, context);
  } else if (proof.passkey) {
    const verified = await verifyPasskeyAssertion({
      purpose: "step_up",
      userId,
      challengeId: proof.passkey.challenge_id,
      response: proof.passkey.response,
    });
    method = verified ? "passkey" : null;
  }
  if (!method) throw new AppError("step_up_failed");
  await throttle.reset(key);
  return method;
}
