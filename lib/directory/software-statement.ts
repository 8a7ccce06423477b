import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { DIRECTORY_ALG, directoryKey } from "./directory-key";

/** How long a statement is accepted at a bank's /register. */
export const STATEMENT_TTL_SECONDS = 30 * 24 * 60 * 60;

/** The roles a sandbox app plays: every app may use both the accounts and the payments APIs. */
export const SOFTWARE_ROLES = ["AISP", "PISP"] as const;

/** What a software statement says about an app (RFC 7591 §2.3, claims as UK Open Banking names them). */
export type SoftwareStatementClaims = {
  software_id: string;
  software_client_name: string;
  software_redirect_uris: string[];
  software_jwks?: { keys: JsonWebKey[] };
  software_jwks_uri?: string;
  software_roles: string[];
  software_token_endpoint_auth_method: string;
  org_id: string;
};

/**
 * Signs a software statement with the directory key: a JWT (typ JWT, alg EdDSA, kid of the key)
 * with iss `<portal origin>/directory`, iat, exp (30 days), a fresh jti, and the app's claims.
 */
export async function signSoftwareStatement(options: {
  claims: SoftwareStatementClaims;
  issuer: string;
  now?: Date;
  secret?: string;
}): Promise<{ jwt: string; expiresAt: Date }> {
  const key = await directoryKey(options.secret);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = iat + STATEMENT_TTL_SECONDS;
  const jwt = await new SignJWT({ ...options.claims })
    .setProtectedHeader({ alg: DIRECTORY_ALG, typ: "JWT", kid: key.kid })
    .setIssuer(options.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { jwt, expiresAt: new Date(exp * 1000) };
}
