import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { asRecoveryCode, hashRecoveryCode } from "./recovery-codes";
import { asTotpCode, matchTotp, sealTotpState, unsealTotpState } from "./totp";

/**
 * Checks a code from the developer's second factor: a TOTP code from their authenticator app
 * (each step accepted once), or one of their unused recovery codes (spent here, atomically: of
 * two parallel uses of one code, one fails). Null when neither matches. Used by sign-in and step-up.
 */
export async function verifySecondFactorCode(
  userId: string,
  code: string,
  context: { ip?: string } = {},
): Promise<"totp" | "recovery_code" | null> {
  if (asTotpCode(code)) return (await verifyTotp(userId, code)) ? "totp" : null;
  const recovery = asRecoveryCode(code);
  if (recovery) return (await spendRecoveryCode(userId, recovery, context.ip ?? "unknown")) ? "recovery_code" : null;
  return null;
}

async function verifyTotp(userId: string, code: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  const state = unsealTotpState(userId, user.totpSecret);
  const step = matchTotp(state, code);
  if (step === null) return false;
  // Compare-and-set on the sealed state: of two requests with the same code, only one moves lastStep.
  const { count } = await db().user.updateMany({
    where: { id: userId, totpSecret: user.totpSecret, totpEnabledAt: { not: null } },
    data: { totpSecret: sealTotpState(userId, { seed: state.seed, lastStep: step }) },
  });
  return count === 1;
}

async function spendRecoveryCode(userId: string, code: string, ip: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(userId, code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count !== 1) return false;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAudit(tx, {
      teamId: null,
      actor: { userId, email: user?.email ?? "", ip },
      action: "account.recovery_code_used",
      target: { type: "user", id: userId, name: user?.email },
      metadata: { codes_left: left },
    });
    return true;
  });
}
