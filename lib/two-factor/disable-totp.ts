import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { dropRecoveryCodesIfNoFactorLeft } from "./store-recovery-codes";

/** Removes the authenticator app (its seed is deleted); without a passkey left, the recovery codes go too. */
export async function disableTotp(options: { actor: AuditActor }): Promise<void> {
  const { actor } = options;
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpEnabledAt: null },
    });
    if (count === 0) throw new AppError("two_factor_not_enabled", "No authenticator app is set up.");
    await dropRecoveryCodesIfNoFactorLeft(tx, actor.userId);
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.two_factor_disabled",
      target: { type: "user", id: actor.userId, name: actor.email },
    });
  });
}
