import type { Prisma } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { invalidateCredentials } from "@/lib/apps/delete-app";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { accountDeletedEmail } from "./account-deleted-email";
import { accountTeams, type AccountTeam } from "./account-teams";
import { deletedUserPseudonym } from "./pseudonym";

type Tx = Prisma.TransactionClient;

/** The 409 that names the teams standing in the way. */
function blockedBy(teams: AccountTeam[]): AppError {
  const names = teams.map((team) => `“${team.name}” (${team.teamId}, ${team.members} members)`).join(", ");
  return new AppError(
    "account_owns_teams",
    `You own ${teams.length === 1 ? "a team" : `${teams.length} teams`} with other members: ${names}. ` +
      "Transfer ownership to another member, or remove the other members, then delete your account.",
  );
}

/**
 * What someone else's team keeps of the developer's work: apps, keys and invitations they created
 * there now name the team's owner as their creator (the schema needs one; the audit log keeps who
 * really did it, pseudonymised). Covers teams they left earlier too. Returns counts per team.
 */
async function reassignToOwners(tx: Tx, userId: string, deletedTeamIds: string[]) {
  const outside = { notIn: deletedTeamIds };
  const [apps, keys, invites] = await Promise.all([
    tx.app.findMany({ where: { createdById: userId, teamId: outside }, select: { teamId: true } }),
    tx.apiKey.findMany({ where: { createdById: userId, app: { teamId: outside } }, select: { app: { select: { teamId: true } } } }),
    tx.teamInvite.findMany({ where: { invitedById: userId, teamId: outside }, select: { teamId: true } }),
  ]);
  const teamIds = new Set([...apps.map((app) => app.teamId), ...keys.map((key) => key.app.teamId), ...invites.map((i) => i.teamId)]);
  const counts = new Map<string, { apps: number; keys: number; invites: number }>();
  for (const teamId of teamIds) {
    // The owner; a team without one (which the schema does not prevent) falls to its longest-standing member.
    const heir =
      (await tx.membership.findFirst({ where: { teamId, role: "owner", userId: { not: userId } }, select: { userId: true } })) ??
      (await tx.membership.findFirst({
        where: { teamId, userId: { not: userId } },
        orderBy: { createdAt: "asc" },
        select: { userId: true },
      }));
    if (!heir) throw new Error(`team ${teamId} has nobody left to take over what the deleted account created`);
    const data = (field: "createdById" | "invitedById") => ({ [field]: heir.userId });
    counts.set(teamId, {
      apps: (await tx.app.updateMany({ where: { teamId, createdById: userId }, data: data("createdById") })).count,
      keys: (await tx.apiKey.updateMany({ where: { createdById: userId, app: { teamId } }, data: data("createdById") })).count,
      invites: (await tx.teamInvite.updateMany({ where: { teamId, invitedById: userId }, data: data("invitedById") })).count,
    });
  }
  return counts;
}

/**
 * Audit entries stay, the person leaves them: wherever the account is the actor or the target (by id,
 * or by an address it had: invitations name the email), each of its addresses becomes the pseudonym,
 * in the actor, the target's label and any metadata value. actorId is cleared by the schema
 * (SetNull) when the user row goes.
 */
async function pseudonymiseAudit(tx: Tx, user: { id: string; email: string }, pseudonym: string) {
  const byId = { OR: [{ actorId: user.id }, { targetId: user.id }] };
  // Every address the account was known by (the email may have changed since an entry was written).
  const known = await tx.auditEvent.findMany({
    where: byId,
    select: { actorId: true, actorEmail: true, targetId: true, targetName: true },
  });
  const emails = new Set([user.email.toLowerCase()]);
  for (const row of known) {
    if (row.actorId === user.id && row.actorEmail.includes("@")) emails.add(row.actorEmail.toLowerCase());
    if (row.targetId === user.id && row.targetName.includes("@")) emails.add(row.targetName.toLowerCase());
  }
  const addresses = [...emails];
  const named = { OR: [byId, { actorEmail: { in: addresses } }, { targetName: { in: addresses } }] };
  const pattern = new RegExp(addresses.map((email) => email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
  for (const row of await tx.auditEvent.findMany({ where: named, select: { id: true, metadata: true } })) {
    const text = JSON.stringify(row.metadata ?? {});
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    await tx.auditEvent.update({ where: { id: row.id }, data: { metadata: JSON.parse(text.replace(pattern, pseudonym)) } });
  }
  await tx.auditEvent.updateMany({
    where: { OR: [{ actorId: user.id }, { actorEmail: { in: addresses } }] },
    data: { actorEmail: pseudonym },
  });
  await tx.auditEvent.updateMany({
    where: { OR: [{ targetId: user.id }, { targetName: { in: addresses } }] },
    data: { targetName: pseudonym },
  });
}

/**
 * Deletes the developer's account, in one transaction:
 * - refused (409 account_owns_teams) while they own a team with other members;
 * - teams where they are the only member are deleted, with their apps (keys, OAuth clients, webhooks, logs cascade);
 * - they leave everyone else's teams (audited `member.left` there), and what they created in those
 *   teams passes to each team's owner;
 * - the account's personal data goes: the user row and, by cascade, sessions, email links, recovery
 *   codes, passkeys, single sign-on links; accepted invitations addressed to them go too;
 * - audit entries stay, pseudonymised (lib/account/pseudonym.ts).
 * Then the deleted keys leave the gateway caches and a plain-text email confirms it.
 */
export async function deleteAccount(options: { actor: AuditActor }): Promise<void> {
  const { actor } = options;
  const userId = actor.userId;
  const pseudonym = deletedUserPseudonym(userId, env().API_KEY_PEPPER);
  const deletedAt = new Date();

  const outcome = await db().$transaction(
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
      if (!user) throw new AppError("unauthenticated");
      const teams = await accountTeams(userId, tx);
      const blocking = teams.filter((team) => team.fate === "block");
      if (blocking.length > 0) throw blockedBy(blocking);
      const doomed = teams.filter((team) => team.fate === "delete");
      const leaving = teams.filter((team) => team.fate === "leave");
      const doomedIds = doomed.map((team) => team.teamId);

      const keyHashes = (await tx.apiKey.findMany({ where: { app: { teamId: { in: doomedIds } } }, select: { hash: true } })).map(
        (key) => key.hash,
      );
      const reassigned = await reassignToOwners(tx, userId, doomedIds);
      for (const team of leaving) {
        await tx.membership.delete({ where: { id: team.membershipId } });
        const moved = reassigned.get(team.teamId) ?? { apps: 0, keys: 0, invites: 0 };
        await recordAudit(tx, {
          teamId: team.teamId,
          actor,
          action: "member.left",
          target: { type: "member", id: userId, name: user.email },
          metadata: {
            role: team.role,
            reason: "account_deleted",
            apps_reassigned: moved.apps,
            keys_reassigned: moved.keys,
            invites_reassigned: moved.invites,
          },
        });
      }
      await tx.team.deleteMany({ where: { id: { in: doomedIds } } });
      await tx.teamInvite.deleteMany({ where: { email: user.email, acceptedAt: { not: null } } });
      await tx.authChallenge.deleteMany({ where: { userId } });
      await recordAudit(tx, {
        teamId: null,
        actor,
        action: "account.deleted",
        target: { type: "user", id: userId },
        metadata: { teams_deleted: doomed.length, teams_left: leaving.length },
      });
      await pseudonymiseAudit(tx, user, pseudonym);
      await tx.user.delete({ where: { id: userId } });
      return { user, keyHashes, teamsDeleted: doomed.map((team) => team.name), teamsLeft: leaving.map((team) => team.name) };
    },
    // A personal team with months of request logs is a large cascade.
    { timeout: 60_000, maxWait: 10_000 },
  );

  await invalidateCredentials(outcome.keyHashes);
  try {
    await sendMail(
      accountDeletedEmail({
        to: outcome.user.email,
        name: outcome.user.name,
        deletedAt,
        teamsDeleted: outcome.teamsDeleted,
        teamsLeft: outcome.teamsLeft,
        pseudonym,
      }),
    );
  } catch (error) {
    // The account is gone either way; a mail server's hiccup must not turn that into a 500.
    console.error(`[account] deletion confirmation not sent: ${(error as Error).message}`);
  }
}
