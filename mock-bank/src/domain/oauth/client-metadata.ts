import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "@prisma/client";
import type { Adapter, AdapterPayload, ClientMetadata } from "oidc-provider";
import { internalClientSecret, type OAuthClientDescriptor } from "@openbank/contracts/oauth-client";
import { PrismaOidcAdapter } from "./oidc-adapter";
import { SCOPES, STANDARD_SCOPES } from "./scopes";
import { IDENTITY_SCOPES } from "./identity-claims";

/** The portal client the gateway described on this request (x-oauth-client), if any. */
export const requestClient = new AsyncLocalStorage<OAuthClientDescriptor | null>();

/** A portal app's client as the authorization server sees it: the portal's settings, nothing stored. */
export function portalClientMetadata(client: OAuthClientDescriptor, internalSecret: string): ClientMetadata {
  const fapi = client.profile === "fapi2";
  return {
    client_id: client.client_id,
    client_name: client.client_name,
    app_id: client.app_id,
    profile: client.profile,
    redirect_uris: client.redirect_uris,
    response_types: ["code"],
    grant_types: ["authorization_code", "refresh_token", "client_credentials"],
    scope: [...IDENTITY_SCOPES, ...SCOPES, ...STANDARD_SCOPES].join(" "),
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    ...(client.token_endpoint_auth_method === "client_secret_basic"
      ? { client_secret: internalClientSecret(internalSecret, client.client_id) }
      : {}),
    ...(client.jwks ? { jwks: client.jwks } : {}),
    ...(client.jwks_uri ? { jwks_uri: client.jwks_uri } : {}),
    id_token_signed_response_alg: "ES256",
    // FAPI 2.0: every authorization request is pushed, and every token is bound to a DPoP key.
    require_pushed_authorization_requests: fapi,
    dpop_bound_access_tokens: fapi,
  } as ClientMetadata;
}

/**
 * The Client model's storage: a portal app's client comes from the gateway's description of
 * this request; a client registered at /oauth/register (RFC 7591) is stored by the bank.
 */
export class ClientAdapter implements Adapter {
  private readonly registered: PrismaOidcAdapter;

  constructor(
    db: PrismaClient,
    private readonly internalSecret: string,
  ) {
    this.registered = new PrismaOidcAdapter("Client", db);
  }

  /** Fingerprints of the portal clients this instance last wrote, to write only on a change. */
  private readonly written = new Map<string, string>();

  async find(id: string): Promise<AdapterPayload | undefined> {
    const described = requestClient.getStore();
    if (described && described.client_id === id) {
      const metadata = portalClientMetadata(described, this.internalSecret) as AdapterPayload;
      // Kept for the steps the gateway cannot describe (the login pages, the resume after them),
      // which carry no client_id; refreshed whenever the portal's settings differ.
      const fingerprint = JSON.stringify(metadata);
      if (this.written.get(id) !== fingerprint) {
        await this.registered.upsert(id, metadata, 0);
        this.written.set(id, fingerprint);
      }
      return metadata;
    }
    return this.registered.find(id);
  }

  upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    return this.registered.upsert(id, payload, expiresIn);
  }

  destroy(id: string) {
    return this.registered.destroy(id);
  }

  async findByUid(): Promise<undefined> {}
  async findByUserCode(): Promise<undefined> {}
  async consume(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}
