import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { replaceRecoveryCodes } from "./store-recovery-codes";
import { matchTotp, sealTotpState, unsealTotpState } from "./totp";

/**
 * Turns the pending authenticator app on once a code from it matches (so the app really has the
 * key), and issues 10 recovery codes: returned this once, stored as hashes.
 */
export async function confirmTotpEnrolment(options: { actor: AuditActor; code: string }): Promise<{ recovery_codes: string[] }> {
  const { actor, code } = options;
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (user?.totpEnabledAt) throw new AppError("two_factor_already_enabled");
  if (!user?.totpSecret) throw new AppError("two_factor_not_pending");

  const state = unsealTotpState(actor.userId, user.totpSecret);
  const step = matchTotp(state, code);
  if (step === null) {
    throw new AppError("validation_failed", "The code did not match", {
      errors: [
        {
          pointer: "/body/code",
          detail: "That code doesn't match. Enter the 6-digit code the app shows now (and check the device's clock is set automatically).",
        },
      ],
    });
  }

  return db().$transaction(async (tx) => {
    // Only the seed that was read, and only while still pending: a parallel confirm or restart loses.
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, totpSecret: user.totpSecret, totpEnabledAt: null },
      data: { totpEnabledAt: new Date(), totpSecret: sealTotpState(actor.userId, { seed: state.seed, lastStep: step }) },
    });
    if (count === 0) throw new AppError("two_factor_not_pending", "The setup changed meanwhile (started again, or already confirmed).");
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    const target = { type: "user", id: actor.userId, name: actor.email };
    await recordAudit(tx, { teamId: null, actor, action: "account.two_factor_enabled", target });
    await recordAudit(tx, { teamId: null, actor, action: "account.recovery_codes_generated", target, metadata: { codes: codes.length } });
    return { recovery_codes: codes };
  });
}
