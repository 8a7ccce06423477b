import { db } from "../db";
import { inviteDtoSelect, toInviteDto, type InviteDto } from "./team-dto";

/** Invitations still waiting for an answer (pending or expired), newest first. */
export async function listInvites(options: { teamId: string }): Promise<InviteDto[]> {
  const rows = await db().teamInvite.findMany({
    where: { teamId: options.teamId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: inviteDtoSelect,
  });
  return rows.map((row) => toInviteDto(row));
}
