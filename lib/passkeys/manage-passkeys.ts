import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { dropRecoveryCodesIfNoFactorLeft } from "@/lib/two-factor/store-recovery-codes";
import { toPasskeyDto, type PasskeyDto } from "./passkey-dto";

/** The developer's passkeys, oldest first. */
export async function listPasskeys(userId: string): Promise<PasskeyDto[]> {
  const rows = await db().passkey.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 });
  return rows.map(toPasskeyDto);
}

export async function renamePasskey(options: { userId: string; passkeyId: string; name: string }): Promise<PasskeyDto> {
  const { count } = await db().passkey.updateMany({
    where: { id: options.passkeyId, userId: options.userId },
    data: { name: options.name },
  });
  if (count === 0) throw new AppError("resource_not_found", "No passkey of yours has this id.");
  return toPasskeyDto(await db().passkey.findUniqueOrThrow({ where: { id: options.passkeyId } }));
}

/** Removes a passkey: it no longer signs in. Without an authenticator app or another passkey, the recovery codes go too. */
export async function removePasskey(options: { actor: AuditActor; passkeyId: string }): Promise<void> {
  const { actor, passkeyId } = options;
  await db().$transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId }, select: { id: true, name: true } });
    if (!passkey) throw new AppError("resource_not_found", "No passkey of yours has this id.");
    await tx.passkey.delete({ where: { id: passkey.id } });
    await dropRecoveryCodesIfNoFactorLeft(tx, actor.userId);
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.passkey_removed",
      target: { type: "passkey", id: passkey.id, name: passkey.name },
    });
  });
}
