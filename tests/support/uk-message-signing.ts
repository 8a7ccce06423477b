import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { FlattenedSign, type JWK } from "jose";

/**
 * A TPP's side of UK Open Banking message signing in tests: an RSA signing key (its public JWK to
 * register) and detached JWS signatures of a body, right or wrong on purpose.
 */
export function tppSigningKey(kid: string): { privateKey: KeyObject; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, publicJwk: { ...(publicKey.export({ format: "jwk" }) as JWK), kid, use: "sig", alg: "PS256" } };
}

export const OB = {
  iat: "http://openbanking.org.uk/iat",
  iss: "http://openbanking.org.uk/iss",
  tan: "http://openbanking.org.uk/tan",
} as const;

/**
 * `x-jws-signature` for `body`: the 4.0 form (payload base64url-encoded in the signing input) or,
 * with `b64: false`, the 3.1.3 form (RFC 7797). `header` replaces or, with undefined, removes members.
 */
export async function signDetached(
  body: string | Buffer,
  key: { privateKey: KeyObject; kid: string },
  options: { iss: string; tan: string; header?: Record<string, unknown>; b64?: false; alg?: string } = { iss: "", tan: "" },
): Promise<string> {
  const header: Record<string, unknown> = {
    alg: options.alg ?? "PS256",
    kid: key.kid,
    typ: "JOSE",
    cty: "application/json",
    [OB.iat]: Math.floor(Date.now() / 1000) - 1,
    [OB.iss]: options.iss,
    [OB.tan]: options.tan,
    crit: [OB.iat, OB.iss, OB.tan, ...(options.b64 === false ? ["b64"] : [])],
    ...(options.b64 === false ? { b64: false } : {}),
  };
  for (const [name, value] of Object.entries(options.header ?? {})) {
    if (value === undefined) delete header[name];
    else header[name] = value;
  }
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const jws = await new FlattenedSign(bytes)
    .setProtectedHeader(header as never)
    .sign(key.privateKey, { crit: { [OB.iat]: true, [OB.iss]: true, [OB.tan]: true } });
  return `${jws.protected}..${jws.signature}`;
}
