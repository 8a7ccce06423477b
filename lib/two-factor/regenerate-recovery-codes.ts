import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { replaceRecoveryCodes } from "./store-recovery-codes";

/** 10 new recovery codes; every earlier one stops working. Needs a second factor to recover. */
export async function regenerateRecoveryCodes(options: { actor: AuditActor }): Promise<{ recovery_codes: string[] }> {
  const { actor } = options;
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: actor.userId },
      select: { totpEnabledAt: true, _count: { select: { passkeys: true } } },
    });
    if (!user?.totpEnabledAt && !user?._count.passkeys) throw new AppError("two_factor_not_enabled");
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.recovery_codes_generated",
      target: { type: "user", id: actor.userId, name: actor.email },
      metadata: { codes: codes.length },
    });
    return { recovery_codes: codes };
  });
}
