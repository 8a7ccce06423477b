import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { newId } from "@openbank/contracts/ids";
import type { TeamDto } from "./team-dto";
import { createTeamInput } from "./team-input";

/** A new team with the creator as its owner, audited in the same transaction. */
export async function createTeam(options: { actor: AuditActor; input: { name: string } }): Promise<TeamDto> {
  const { name } = createTeamInput.parse(options.input);
  return db().$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { id: newId("team"), name, memberships: { create: { id: newId("membership"), userId: options.actor.userId, role: "owner" } } },
      select: { id: true, name: true, personal: true, createdAt: true },
    });
    await recordAudit(tx, { teamId: team.id, actor: options.actor, action: "team.created", target: { type: "team", id: team.id, name } });
    return {
      id: team.id,
      name: team.name,
      personal: false,
      role: "owner",
      member_count: 1,
      app_count: 0,
      created_at: team.createdAt.toISOString(),
    };
  });
}
