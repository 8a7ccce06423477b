import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { CLIENT_AUTH_METHODS, CLIENT_PROFILES, parseStoredJwks, toClientAuthMethod, toClientProfile } from "./client-profile";

/** A stored public JWK as the API shows it (validated on the way in; loose for x5c, key_ops…). */
const publicJwk = z.looseObject({ kty: text(10), kid: text(200) });

/** The app's OAuth client as the API shows it: never its secret or hash. */
export const oauthClientDto = z.object({
  client_id: resourceId,
  secret_prefix: text(60).nullable().describe("`cs_sandbox_AbCd…wxyz`, or null until a secret is generated."),
  secret_created_at: timestamp.nullable(),
  redirect_uris: z.array(text(2000)).max(10),
  profile: z.enum(CLIENT_PROFILES).describe("`basic` (authorization code + PKCE) or `fapi2` (FAPI 2.0 Security Profile)."),
  token_endpoint_auth_method: z.enum(CLIENT_AUTH_METHODS),
  jwks: z
    .object({ keys: z.array(publicJwk).max(10) })
    .nullable()
    .describe("The app's public keys, as pasted; null when none (or when `jwks_uri` is used)."),
  jwks_uri: text(2000).nullable().describe("Where the bank fetches the app's public keys; null when none (or when `jwks` is used)."),
  message_signing: z
    .boolean()
    .describe("UK Open Banking message signing is on: payment requests must carry `x-jws-signature`, and payment answers are signed."),
});

export type OAuthClientDto = z.output<typeof oauthClientDto>;

export const oauthClientSelect = {
  clientId: true,
  secretPrefix: true,
  secretCreatedAt: true,
  profile: true,
  authMethod: true,
  jwks: true,
  jwksUri: true,
  messageSigning: true,
  app: { select: { redirectUris: true } },
} as const;

export function toOAuthClientDto(row: {
  clientId: string;
  secretPrefix: string | null;
  secretCreatedAt: Date | null;
  profile: string;
  authMethod: string;
  jwks: string | null;
  jwksUri: string | null;
  messageSigning: boolean;
  app: { redirectUris: unknown };
}): OAuthClientDto {
  return {
    client_id: row.clientId,
    secret_prefix: row.secretPrefix,
    secret_created_at: row.secretCreatedAt?.toISOString() ?? null,
    redirect_uris: Array.isArray(row.app.redirectUris) ? (row.app.redirectUris as string[]) : [],
    profile: toClientProfile(row.profile),
    token_endpoint_auth_method: toClientAuthMethod(row.authMethod),
    jwks: parseStoredJwks(row.jwks) as OAuthClientDto["jwks"],
    jwks_uri: row.jwksUri,
    message_signing: row.messageSigning,
  };
}
