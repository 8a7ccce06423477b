import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import type { PrivateJwk } from "../oauth/signing-keys";

const keys = new WeakMap<PrivateJwk, KeyObject>();

/**
 * The bank's detached JWS of a response body (`x-jws-signature`), as the UK profile's message
 * signing describes it: the protected header names the key (`kid`, the authorization server's
 * key published at /oauth/jwks), the issuer, the trust anchor and the signing time as critical
 * claims; the payload is the body's exact bytes, base64url-encoded in the signing input and left
 * out of the compact form (`header..signature`). ES256: the sandbox's one key type.
 */
export function signDetached(options: { key: PrivateJwk; issuer: string; payload: string | Buffer; now: Date }): string {
  const { key, issuer, payload, now } = options;
  let keyObject = keys.get(key);
  if (!keyObject) keys.set(key, (keyObject = createPrivateKey({ key, format: "jwk" })));
  const header = {
    alg: "ES256",
    kid: key.kid,
    typ: "JOSE",
    cty: "application/json",
    "http://openbanking.org.uk/iat": Math.floor(now.getTime() / 1000),
    "http://openbanking.org.uk/iss": issuer,
    "http://openbanking.org.uk/tan": new URL(issuer).host,
    crit: ["http://openbanking.org.uk/iat", "http://openbanking.org.uk/iss", "http://openbanking.org.uk/tan"],
  };
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString("base64url");
  const input = `${protectedHeader}.${Buffer.from(payload).toString("base64url")}`;
  const signature = sign("sha256", Buffer.from(input), { key: keyObject, dsaEncoding: "ieee-p1363" }).toString("base64url");
  return `${protectedHeader}..${signature}`;
}
