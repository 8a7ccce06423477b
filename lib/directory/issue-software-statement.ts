import { recordAudit, type AuditContext } from "../audit/record-audit";
import { db } from "../db";
import { portalOrigin } from "../http/portal-url";
import { parseStoredJwks, toClientAuthMethod } from "../oauth-clients/client-profile";
import { SOFTWARE_ROLES, signSoftwareStatement, type SoftwareStatementClaims } from "./software-statement";

/** The directory's issuer: the portal's origin + `/directory` (its keys at `/directory/jwks.json`). */
export function directoryIssuer(): string {
  return `${portalOrigin()}/directory`;
}

/**
 * A software statement for the app, from what the portal holds now: its id, name, redirect URIs,
 * public keys (pasted JWKS or jwks_uri), client authentication method and team. Nothing is stored
 * (each call signs a new one with a new jti); the issue is audited, since a statement lets its
 * holder register clients in the app's name at the bank.
 */
export async function issueSoftwareStatement(options: {
  appId: string;
  audit: AuditContext;
}): Promise<{ software_statement: string; expires_at: string }> {
  const app = await db().app.findUniqueOrThrow({
    where: { id: options.appId },
    select: {
      id: true,
      name: true,
      teamId: true,
      redirectUris: true,
      oauthClient: { select: { clientId: true, authMethod: true, jwks: true, jwksUri: true } },
    },
  });
  const jwks = parseStoredJwks(app.oauthClient?.jwks ?? null);
  const jwksUri = app.oauthClient?.jwksUri ?? null;
  const claims: SoftwareStatementClaims = {
    software_id: app.id,
    software_client_name: app.name,
    software_redirect_uris: Array.isArray(app.redirectUris) ? (app.redirectUris as string[]) : [],
    ...(jwks ? { software_jwks: jwks } : {}),
    ...(jwksUri ? { software_jwks_uri: jwksUri } : {}),
    software_roles: [...SOFTWARE_ROLES],
    software_token_endpoint_auth_method: toClientAuthMethod(app.oauthClient?.authMethod ?? "client_secret_basic"),
    org_id: app.teamId,
  };
  const { jwt, expiresAt } = await signSoftwareStatement({ claims, issuer: directoryIssuer() });
  await recordAudit(db(), {
    ...options.audit,
    action: "app.software_statement_issued",
    target: { type: "app", id: app.id, name: app.name },
    metadata: { expires_at: expiresAt.toISOString(), keys: jwks ? "jwks" : jwksUri ? "jwks_uri" : "none" },
  });
  return { software_statement: jwt, expires_at: expiresAt.toISOString() };
}
