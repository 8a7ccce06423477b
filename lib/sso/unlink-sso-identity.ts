import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { teamsRequiringSso } from "@/lib/team-policies/sso-policy";
import { ssoConfig } from "./sso-config";

/**
 * Unlinks a single sign-on identity from the developer's own account. Refused (409) when it is the
 * last way they can sign in (no password, no passkey, no other identity of the configured provider),
 * or when a team of theirs requires single sign-on of them and it is their only link to it.
 * An identity of a provider no longer configured can always go: it signs nobody in.
 */
export async function unlinkSsoIdentity(options: { actor: AuditActor; identityId: string }): Promise<void> {
  const { actor, identityId } = options;
  const identity = await db().ssoIdentity.findFirst({
    where: { id: identityId, userId: actor.userId },
    select: { id: true, issuer: true, email: true },
  });
  if (!identity) throw new AppError("resource_not_found", "No single sign-on link with this id on your account.");

  const config = ssoConfig();
  if (config && identity.issuer === config.issuer) {
    const user = await db().user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: {
        passwordHash: true,
        _count: { select: { passkeys: true, ssoIdentities: { where: { issuer: config.issuer, id: { not: identity.id } } } } },
      },
    });
    const otherLinks = user._count.ssoIdentities;
    if (otherLinks === 0) {
      const [team] = await teamsRequiringSso(actor.userId);
      if (team) {
        throw new AppError(
          "conflict",
          `${team.name} requires single sign-on for ${team.domain} addresses: without this link you could not sign in to it.`,
        );
      }
      if (user.passwordHash === null && user._count.passkeys === 0) {
        throw new AppError(
          "conflict",
          "This is the only way you sign in. Set a password first (use “Forgot password?” on the sign-in page) or add a passkey, then unlink it.",
        );
      }
    }
  }

  await db().$transaction(async (tx) => {
    await tx.ssoIdentity.delete({ where: { id: identity.id } });
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.sso_unlinked",
      target: { type: "sso_identity", id: identity.id, name: identity.issuer },
      metadata: { issuer: identity.issuer, email: identity.email },
    });
  });
}
