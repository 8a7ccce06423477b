import type { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";

/** Replaces the developer's recovery codes with 10 new ones (in the caller's transaction); returns them, the only time they exist in clear. */
export async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ id: newId("recoveryCode"), userId, codeHash: hashRecoveryCode(userId, code) })),
  });
  return codes;
}

/** With no second factor left, recovery codes have nothing to stand in for: they go too. */
export async function dropRecoveryCodesIfNoFactorLeft(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true, _count: { select: { passkeys: true } } } });
  if (user && !user.totpEnabledAt && user._count.passkeys === 0) await tx.recoveryCode.deleteMany({ where: { userId } });
}
