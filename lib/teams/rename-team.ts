import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";

/** Renames a team (owner or admin; checked by the caller), audited with the old name. */
export async function renameTeam(options: { teamId: string; name: string; actor: AuditActor }): Promise<{ id: string; name: string }> {
  return db().$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: options.teamId }, select: { name: true } });
    const team = await tx.team.update({ where: { id: options.teamId }, data: { name: options.name }, select: { id: true, name: true } });
    if (before.name !== team.name) {
      await recordAudit(tx, {
        teamId: team.id,
        actor: options.actor,
        action: "team.renamed",
        target: { type: "team", id: team.id, name: team.name },
        metadata: { old_name: before.name, new_name: team.name },
      });
    }
    return team;
  });
}
