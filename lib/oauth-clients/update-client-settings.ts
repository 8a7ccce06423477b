import { newId } from "@openbank/contracts/ids";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { db } from "../db";
import { invalidate } from "../keys/cache-invalidation";
import type { OAuthClientSettingsInput } from "./client-settings-input";
import { oauthClientSelect, toOAuthClientDto, type OAuthClientDto } from "./oauth-client-dto";

/** "fapi2 private_key_jwt jwks[kid-1,kid-2] message-signing": what the audit log shows of a setting, never a key's material. */
function describeSettings(row: {
  profile: string;
  authMethod: string;
  jwks: string | null;
  jwksUri: string | null;
  messageSigning: boolean;
}): string {
  const kids = row.jwks ? (JSON.parse(row.jwks) as { keys: { kid: string }[] }).keys.map((key) => key.kid) : [];
  const keys = row.jwks ? `jwks[${kids.join(",")}]` : row.jwksUri ? `jwks_uri ${row.jwksUri}` : "no keys";
  return `${row.profile} ${row.authMethod} ${keys}${row.messageSigning ? " message-signing" : ""}`;
}

/**
 * Replaces the app's security profile, client authentication method, public keys and UK message signing (validated by
 * oauthClientSettingsInput), audited with the before and after. The gateway's client cache is
 * cleared at once, so the bank enforces the new settings from the next request.
 */
export async function updateClientSettings(options: {
  appId: string;
  settings: OAuthClientSettingsInput;
  audit: AuditContext;
}): Promise<OAuthClientDto> {
  const data = {
    profile: options.settings.profile,
    authMethod: options.settings.token_endpoint_auth_method,
    jwks: options.settings.jwks ? JSON.stringify(options.settings.jwks) : null,
    jwksUri: options.settings.jwks_uri,
    messageSigning: options.settings.message_signing,
  };
  const row = await db().$transaction(async (tx) => {
    const before = await tx.oAuthClient.findUnique({
      where: { appId: options.appId },
      select: { profile: true, authMethod: true, jwks: true, jwksUri: true, messageSigning: true, app: { select: { name: true } } },
    });
    const client = await tx.oAuthClient.upsert({
      where: { appId: options.appId },
      create: { appId: options.appId, clientId: newId("oauthClient"), ...data },
      update: data,
      select: oauthClientSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "app.oauth_settings_changed",
      target: { type: "app", id: options.appId, name: before?.app.name },
      metadata: {
        client_id: client.clientId,
        before: before ? describeSettings(before) : "basic client_secret_basic no keys",
        after: describeSettings(data),
      },
    });
    return client;
  });
  await invalidate({ kind: "oauth_clients" });
  return toOAuthClientDto(row);
}
