import type { AuditActor } from "@/lib/audit/audit-actor";
import { auditEventDtoSelect, toAuditEventDto } from "@/lib/audit/audit-event-dto";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { keyDtoSelect, toKeyDto } from "@/lib/keys/key-dto";
import { parseStoredJwks, toClientAuthMethod, toClientProfile } from "@/lib/oauth-clients/client-profile";
import type { OAuthClientDto } from "@/lib/oauth-clients/oauth-client-dto";
import { toSessionDto } from "@/lib/sessions/session-dto";
import { inviteStatus } from "@/lib/teams/team-dto";
import { eventTypesOf } from "@/lib/webhooks/event-filter";
import { EXPORT_LIMITS, type AccountExportDto } from "./account-export-dto";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** `openbank-account-2026-12-05.json`: the download's name, dated in UTC. */
export function exportFileName(now: Date): string {
  return `openbank-account-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * Everything the portal holds about the developer, as one document (lib/account/account-export-dto.ts),
 * audited as `account.exported`. Columns are selected one by one: a column added to a table later
 * (a hash, a seed) cannot slip into the file.
 */
export async function exportAccount(options: { actor: AuditActor; currentSessionId: string; now?: Date }): Promise<AccountExportDto> {
  const { actor, currentSessionId } = options;
  const userId = actor.userId;
  const now = options.now ?? new Date();
  const client = db();

  const user = await client.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerifiedAt: true,
      passwordHash: true,
      platformAdmin: true,
      totpEnabledAt: true,
      createdAt: true,
    },
  });
  const [recoveryTotal, recoveryUnused, memberships, apps, keysElsewhere, goLive, audit, sessions, passkeys, sso, invites, links] =
    await Promise.all([
      client.recoveryCode.count({ where: { userId } }),
      client.recoveryCode.count({ where: { userId, usedAt: null } }),
      client.membership.findMany({
        where: { userId },
        select: { role: true, createdAt: true, team: { select: { id: true, name: true, personal: true } } },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.rows,
      }),
      client.app.findMany({
        where: { createdById: userId },
        select: {
          id: true,
          teamId: true,
          name: true,
          description: true,
          redirectUris: true,
          status: true,
          createdAt: true,
          team: { select: { name: true } },
          apiKeys: { select: keyDtoSelect, orderBy: { createdAt: "asc" }, take: EXPORT_LIMITS.keys },
          oauthClient: {
            select: {
              clientId: true,
              secretPrefix: true,
              secretCreatedAt: true,
              createdAt: true,
              profile: true,
              authMethod: true,
              jwks: true,
              jwksUri: true,
              messageSigning: true,
            },
          },
          webhookEndpoints: {
            select: { id: true, kind: true, url: true, description: true, eventTypes: true, enabled: true, createdAt: true },
            orderBy: { createdAt: "asc" },
            take: EXPORT_LIMITS.rows,
          },
        },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.apps,
      }),
      client.apiKey.findMany({
        where: { createdById: userId, app: { createdById: { not: userId } } },
        select: keyDtoSelect,
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.keys,
      }),
      client.goLiveRequest.findMany({
        where: { submittedById: userId },
        select: {
          id: true,
          appId: true,
          status: true,
          contactName: true,
          contactEmail: true,
          useCase: true,
          createdAt: true,
          decidedAt: true,
        },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.rows,
      }),
      client.auditEvent.findMany({
        where: { actorId: userId },
        select: auditEventDtoSelect,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: EXPORT_LIMITS.auditEvents,
      }),
      client.portalSession.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, take: EXPORT_LIMITS.sessions }),
      client.passkey.findMany({
        where: { userId },
        select: { id: true, name: true, deviceType: true, backedUp: true, createdAt: true, lastUsedAt: true },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.rows,
      }),
      client.ssoIdentity.findMany({
        where: { userId },
        select: { id: true, issuer: true, subject: true, email: true, createdAt: true, lastUsedAt: true },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.rows,
      }),
      client.teamInvite.findMany({
        where: { invitedById: userId },
        select: { id: true, teamId: true, email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.rows,
      }),
      client.accountToken.findMany({
        where: { userId },
        select: { id: true, kind: true, email: true, createdAt: true, expiresAt: true, usedAt: true },
        orderBy: { createdAt: "asc" },
        take: EXPORT_LIMITS.rows,
      }),
    ]);

  const document: AccountExportDto = {
    format: "openbank-account-export/1",
    exported_at: now.toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      email_verified_at: iso(user.emailVerifiedAt),
      has_password: user.passwordHash !== null,
      platform_admin: user.platformAdmin,
      created_at: user.createdAt.toISOString(),
      two_factor: { totp_enabled_at: iso(user.totpEnabledAt), recovery_codes: { total: recoveryTotal, unused: recoveryUnused } },
    },
    memberships: memberships.map((membership) => ({
      team: { id: membership.team.id, name: membership.team.name, personal: membership.team.personal },
      role: membership.role,
      since: membership.createdAt.toISOString(),
    })),
    apps: apps.map((app) => ({
      id: app.id,
      team_id: app.teamId,
      team_name: app.team.name,
      name: app.name,
      description: app.description,
      redirect_uris: Array.isArray(app.redirectUris) ? (app.redirectUris as string[]) : [],
      status: app.status,
      created_at: app.createdAt.toISOString(),
      keys: app.apiKeys.map((key) => toKeyDto(key, now)),
      oauth_client: app.oauthClient && {
        client_id: app.oauthClient.clientId,
        secret_prefix: app.oauthClient.secretPrefix,
        secret_created_at: iso(app.oauthClient.secretCreatedAt),
        created_at: app.oauthClient.createdAt.toISOString(),
        profile: toClientProfile(app.oauthClient.profile),
        token_endpoint_auth_method: toClientAuthMethod(app.oauthClient.authMethod),
        jwks: parseStoredJwks(app.oauthClient.jwks) as OAuthClientDto["jwks"],
        jwks_uri: app.oauthClient.jwksUri,
        message_signing: app.oauthClient.messageSigning,
      },
      webhook_endpoints: app.webhookEndpoints.map((endpoint) => ({
        id: endpoint.id,
        kind: endpoint.kind === "cli" ? ("cli" as const) : ("url" as const),
        url: endpoint.kind === "cli" ? null : endpoint.url,
        description: endpoint.description,
        event_types: eventTypesOf(endpoint.eventTypes),
        enabled: endpoint.enabled,
        created_at: endpoint.createdAt.toISOString(),
      })),
    })),
    keys_created_elsewhere: keysElsewhere.map((key) => toKeyDto(key, now)),
    go_live_requests: goLive.map((request) => ({
      id: request.id,
      app_id: request.appId,
      status: request.status,
      contact_name: request.contactName,
      contact_email: request.contactEmail,
      use_case: request.useCase,
      created_at: request.createdAt.toISOString(),
      decided_at: iso(request.decidedAt),
    })),
    audit_events: audit.map(toAuditEventDto),
    sessions: sessions.map((session) => ({ ...toSessionDto(session, currentSessionId), revoked_at: iso(session.revokedAt) })),
    passkeys: passkeys.map((passkey) => ({
      id: passkey.id,
      name: passkey.name,
      device_type: passkey.deviceType,
      backed_up: passkey.backedUp,
      created_at: passkey.createdAt.toISOString(),
      last_used_at: iso(passkey.lastUsedAt),
    })),
    sso_identities: sso.map((identity) => ({
      id: identity.id,
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
      created_at: identity.createdAt.toISOString(),
      last_used_at: iso(identity.lastUsedAt),
    })),
    invites_sent: invites.map((invite) => ({
      id: invite.id,
      team_id: invite.teamId,
      email: invite.email,
      role: invite.role,
      status: inviteStatus(invite, now),
      created_at: invite.createdAt.toISOString(),
      expires_at: invite.expiresAt.toISOString(),
    })),
    email_links: links.map((link) => ({
      id: link.id,
      kind: link.kind,
      email: link.email,
      created_at: link.createdAt.toISOString(),
      expires_at: link.expiresAt.toISOString(),
      used_at: iso(link.usedAt),
    })),
  };

  await recordAudit(client, { teamId: null, actor, action: "account.exported", target: { type: "user", id: userId } });
  return document;
}
