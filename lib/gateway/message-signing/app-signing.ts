import type { JWK } from "jose";
import type { ClientApp } from "../../oauth-clients/find-client-app";

/** What the gateway needs to check an app's message signatures: its keys (null: its jwks_uri could not be read) and who it may say it is. */
export type AppSigning = { keys: JWK[] | null; issuers: string[] };

/**
 * Whether an app signs its UK messages, and with which keys: its OAuth client's settings (the
 * Security profile in the portal), the keys pasted or fetched from its jwks_uri. null: it does not sign.
 * `…/iss` is `{org_id}/{software_id}` as its software statement names it (team and app), or its client id.
 */
export function createAppSigningLookup(deps: {
  findClient: (appId: string) => Promise<ClientApp | null>;
  fetchJwks: (uri: string) => Promise<JWK[] | null>;
}) {
  return async function appSigning(appId: string): Promise<AppSigning | null> {
    const client = await deps.findClient(appId);
    if (!client?.messageSigning) return null;
    const keys = client.jwks ? (client.jwks.keys as JWK[]) : client.jwksUri ? await deps.fetchJwks(client.jwksUri) : [];
    return { keys, issuers: [`${client.teamId}/${client.appId}`, client.clientId] };
  };
}
