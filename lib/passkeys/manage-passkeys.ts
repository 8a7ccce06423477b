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

/** Renames one of the developer's passkeys (the name tells them apart); audited like adding and removing. */
export async function renamePasskey(options: { actor: AuditActor; passkeyId: string; name: string }): Promise<PasskeyDto> {
  const { actor, passkeyId, name } = options;
  return db().$transaction(async (tx) => {
    const { count } = await tx.passkey.updateMany({ where: { id: passkeyId, userId: actor.userId }, data: { name } });
    if (count === 0) throw new AppError("resource_not_found", "No passkey of yours has this id.");
    await recordAudit(tx, { teamId: null, actor, action: "account.passkey_renamed", target: { type: "passkey", id: passkeyId, name } });
    return toPasskeyDto(await tx.passkey.findUniqueOrThrow({ where: { id: passkeyId } }));
  });
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
