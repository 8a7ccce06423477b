import { z } from "zod";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { nameSchema } from "@/lib/auth/schemas";
import { db } from "@/lib/db";
import { getAccount, type AccountDto } from "./account-dto";

/** What `PATCH /api/account` changes: the name, with sign-up's bounds (trimmed, 1–100 characters). */
export const updateProfileInput = z.object({ name: nameSchema.describe("How your team sees you: member lists and the audit log.") });

export type UpdateProfileInput = z.output<typeof updateProfileInput>;

/**
 * Renames the developer. Audited as `account.profile_changed` with the field's name only: the old
 * and new names stay out of the audit row, which outlives the account (pseudonymised) if it is deleted.
 */
export async function updateProfile(options: { actor: AuditActor; input: UpdateProfileInput }): Promise<AccountDto> {
  const { actor, input } = options;
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } });
    if (before.name === input.name) return;
    await tx.user.update({ where: { id: actor.userId }, data: { name: input.name } });
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.profile_changed",
      target: { type: "user", id: actor.userId },
      metadata: { fields: ["name"] },
    });
  });
  return (await getAccount(actor.userId))!;
}
