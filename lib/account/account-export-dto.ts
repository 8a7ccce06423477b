import { z } from "zod";
import { auditEventDto } from "@/lib/audit/audit-event-dto";
import { keyDto } from "@/lib/keys/key-dto";
import { oauthClientDto } from "@/lib/oauth-clients/oauth-client-dto";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { roleSchema } from "@/lib/teams/team-dto";
import { sessionDto } from "@/lib/sessions/session-dto";

/** Addresses and URLs as the document types them (the values were validated when they were stored). */
const email = text(254).meta({ format: "email" });
const url = text(2048).meta({ format: "uri" });

/** Upper bounds of the file's lists: far above any real account, stated so the document is bounded. */
export const EXPORT_LIMITS = { auditEvents: 100_000, sessions: 10_000, apps: 1_000, keys: 10_000, rows: 1_000 } as const;

const exportedApp = z.object({
  id: resourceId,
  team_id: resourceId,
  team_name: text(120),
  name: text(60),
  description: text(500),
  redirect_uris: z.array(text(2000)).max(10),
  status: z.enum(["active", "suspended"]),
  created_at: timestamp,
  /** Every key of the app: names, display prefixes, scopes and dates; never a key or its hash. */
  keys: z.array(keyDto).max(EXPORT_LIMITS.keys),
  /** The public client id and the secret's display prefix; never the secret or its hash. */
  oauth_client: z
    .object({
      client_id: text(64),
      secret_prefix: text(40).nullable(),
      secret_created_at: timestamp.nullable(),
      created_at: timestamp,
      // The security settings as the developer entered them (public keys only).
      profile: oauthClientDto.shape.profile,
      token_endpoint_auth_method: oauthClientDto.shape.token_endpoint_auth_method,
      jwks: oauthClientDto.shape.jwks,
      jwks_uri: oauthClientDto.shape.jwks_uri,
      message_signing: oauthClientDto.shape.message_signing,
    })
    .nullable(),
  /** Where the app's webhooks go; never the signing secrets. */
  webhook_endpoints: z
    .array(
      z.object({
        id: resourceId,
        kind: z
          .enum(["url", "cli"])
          .describe("`cli`: an `openbank listen` session, which has no URL (its events go down the CLI's stream)."),
        url: url.nullable(),
        description: text(200),
        event_types: z.array(text(100)).max(100),
        enabled: z.boolean(),
        created_at: timestamp,
      }),
    )
    .max(EXPORT_LIMITS.rows),
});

/**
 * Everything the portal holds about one developer, as `GET /api/account/export` answers it (one
 * JSON file). Never a password hash, TOTP seed, recovery-code, token, key or secret hash, or a
 * passkey's public key: what those protect is the account, not information about the person.
 */
export const accountExportDto = z.object({
  format: z.literal("openbank-account-export/1"),
  exported_at: timestamp,
  account: z.object({
    id: resourceId,
    name: text(100),
    email,
    email_verified_at: timestamp.nullable(),
    /** False for an account made by single sign-on that never set a password. */
    has_password: z.boolean(),
    platform_admin: z.boolean(),
    created_at: timestamp,
    two_factor: z.object({
      totp_enabled_at: timestamp.nullable(),
      recovery_codes: z.object({ total: count, unused: count }),
    }),
  }),
  memberships: z
    .array(z.object({ team: z.object({ id: resourceId, name: text(120), personal: z.boolean() }), role: roleSchema, since: timestamp }))
    .max(EXPORT_LIMITS.rows),
  /** Apps you created, in any team. */
  apps: z.array(exportedApp).max(EXPORT_LIMITS.apps),
  /** Keys you created in apps someone else created. */
  keys_created_elsewhere: z.array(keyDto).max(EXPORT_LIMITS.keys),
  /** Production-access requests you submitted, with the contact you gave. */
  go_live_requests: z
    .array(
      z.object({
        id: resourceId,
        app_id: resourceId,
        status: z.enum(["pending", "approved", "rejected"]),
        contact_name: text(200),
        contact_email: email,
        use_case: text(5000),
        created_at: timestamp,
        decided_at: timestamp.nullable(),
      }),
    )
    .max(EXPORT_LIMITS.rows),
  /** Every audit entry you are the actor of: your teams' events and your account's own. */
  audit_events: z.array(auditEventDto).max(EXPORT_LIMITS.auditEvents),
  /** Every session of the account, signed out and expired ones included. */
  sessions: z.array(sessionDto.extend({ revoked_at: timestamp.nullable() })).max(EXPORT_LIMITS.sessions),
  passkeys: z
    .array(
      z.object({
        id: resourceId,
        name: text(200),
        device_type: text(32),
        backed_up: z.boolean(),
        created_at: timestamp,
        last_used_at: timestamp.nullable(),
      }),
    )
    .max(EXPORT_LIMITS.rows),
  sso_identities: z
    .array(
      z.object({
        id: resourceId,
        issuer: url,
        subject: text(255),
        email,
        created_at: timestamp,
        last_used_at: timestamp.nullable(),
      }),
    )
    .max(EXPORT_LIMITS.rows),
  /** Invitations you sent, with their state. */
  invites_sent: z
    .array(
      z.object({
        id: resourceId,
        team_id: resourceId,
        email,
        role: roleSchema,
        status: z.enum(["pending", "accepted", "revoked", "expired"]),
        created_at: timestamp,
        expires_at: timestamp,
      }),
    )
    .max(EXPORT_LIMITS.rows),
  /** Links we emailed you (verify an address, change it, reset the password): where and when, never the link. */
  email_links: z
    .array(
      z.object({
        id: resourceId,
        kind: text(32),
        email,
        created_at: timestamp,
        expires_at: timestamp,
        used_at: timestamp.nullable(),
      }),
    )
    .max(EXPORT_LIMITS.rows),
});

export type AccountExportDto = z.output<typeof accountExportDto>;
