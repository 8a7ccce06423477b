import { flattenedVerify, importJWK, type JWK } from "jose";
import { OB_CLAIMS } from "@openbank/contracts/message-signing";
import type { ObErrorName } from "@openbank/contracts/open-banking-errors";

/** How far a signature's `iat` may be ahead of our clock. */
const MAX_FUTURE_SECONDS = 60;

export type SignatureVerdict = { ok: true; kid: string } | { ok: false; name: ObErrorName; path?: string; detail: string };

const fail = (name: ObErrorName, detail: string, path?: string): SignatureVerdict => ({ ok: false, name, path, detail });

/**
 * A UK Open Banking 4.0 `x-jws-signature`, checked as the Read/Write API profile's "Process for
 * Verifying a Signature" says: a detached JWS (RFC 7515 Appendix F, `header..signature`) over the
 * raw body, PS256, a `kid` among the app's registered keys, and the three critical claims
 * (`…/iat` not in the future, `…/iss` the app as the directory knows it, `…/tan` the sandbox's
 * trust anchor). The payload is base64url-encoded in the signing input, as 3.1.4 onwards have it;
 * a signature made the 3.1.3 way (`b64: false`, listed in `crit`, RFC 7797) is verified too, since
 * libraries and guides still produce it. Each failure names the profile's error code.
 */
export async function verifyMessageSignature(options: {
  signature: string | null;
  body: Buffer | undefined;
  /** The app's registered public keys. */
  keys: JWK[];
  /** What `…/iss` may be: `{org_id}/{software_id}` as the directory issues it, or the app's client id. */
  issuers: string[];
  /** The sandbox's trust anchor (the portal's host name, where the keys are published). */
  trustAnchor: string;
  now?: () => number;
}): Promise<SignatureVerdict> {
  const { signature } = options;
  if (signature === null || signature.trim() === "") {
    return fail("UK.OBIE.Signature.Missing", "This app signs its messages: send the body's detached JWS in x-jws-signature.");
  }
  const parts = signature.trim().split(".");
  if (parts.length !== 3 || parts[1] !== "" || !parts[0] || !parts[2]) {
    return fail("UK.OBIE.Signature.Malformed", "x-jws-signature must be a detached JWS: base64url(header) + '..' + base64url(signature).");
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as Record<string, unknown>;
    if (header === null || typeof header !== "object" || Array.isArray(header)) throw new Error("not an object");
  } catch {
    return fail("UK.OBIE.Signature.Malformed", "The JOSE header of x-jws-signature is not base64url-encoded JSON.");
  }

  if (header.alg === undefined) return fail("UK.OBIE.Signature.MissingClaim", "The JOSE header needs alg: PS256.", "alg");
  if (header.alg !== "PS256")
    return fail("UK.OBIE.Signature.InvalidClaim", `alg must be PS256 (the UK profile's only algorithm), not ${String(header.alg)}.`, "alg");
  if (typeof header.kid !== "string" || !header.kid)
    return fail("UK.OBIE.Signature.MissingClaim", "The JOSE header needs the kid of your signing key.", "kid");
  const missing = Object.values(OB_CLAIMS).filter((claim) => header[claim] === undefined);
  if (missing.length) return fail("UK.OBIE.Signature.MissingClaim", `The JOSE header needs ${missing.join(", ")}.`, missing[0]);
  const crit = Array.isArray(header.crit) ? (header.crit as unknown[]) : [];
  const uncritical = Object.values(OB_CLAIMS).filter((claim) => !crit.includes(claim));
  if (uncritical.length) return fail("UK.OBIE.Signature.MissingClaim", `crit must list ${uncritical.join(", ")}.`, "crit");
  const unencoded = header.b64 === false;
  if (header.b64 !== undefined && (!unencoded || !crit.includes("b64"))) {
    return fail(
      "UK.OBIE.Signature.InvalidClaim",
      "Leave b64 out (4.0 signs the base64url-encoded body); b64 false must also be in crit.",
      "b64",
    );
  }
  const extra = crit.filter((claim) => claim !== "b64" && !Object.values(OB_CLAIMS).includes(claim as never));
  if (extra.length)
    return fail("UK.OBIE.Signature.InvalidClaim", `crit lists claims the profile does not define: ${extra.join(", ")}.`, "crit");
  if (header.typ !== undefined && header.typ !== "JOSE")
    return fail("UK.OBIE.Signature.InvalidClaim", 'typ, if present, must be "JOSE".', "typ");
  if (header.cty !== undefined && header.cty !== "json" && header.cty !== "application/json") {
    return fail("UK.OBIE.Signature.InvalidClaim", 'cty, if present, must be "json" or "application/json".', "cty");
  }

  const iat = header[OB_CLAIMS.iat];
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  if (typeof iat !== "number" || !Number.isFinite(iat) || iat > now + MAX_FUTURE_SECONDS) {
    return fail(
      "UK.OBIE.Signature.InvalidClaim",
      `${OB_CLAIMS.iat} must be the signing time in seconds since the epoch, not in the future.`,
      OB_CLAIMS.iat,
    );
  }
  const iss = header[OB_CLAIMS.iss];
  if (typeof iss !== "string" || !options.issuers.includes(iss)) {
    return fail(
      "UK.OBIE.Signature.InvalidClaim",
      `${OB_CLAIMS.iss} must be ${options.issuers[0]} (your org_id/software_id in the sandbox directory).`,
      OB_CLAIMS.iss,
    );
  }
  if (header[OB_CLAIMS.tan] !== options.trustAnchor) {
    return fail(
      "UK.OBIE.Signature.InvalidClaim",
      `${OB_CLAIMS.tan} must be ${options.trustAnchor}, the sandbox's trust anchor.`,
      OB_CLAIMS.tan,
    );
  }

  const jwk = options.keys.find((key) => key.kid === header.kid);
  if (!jwk) return fail("UK.OBIE.Signature.InvalidClaim", `No key with kid ${header.kid} is registered for this app.`, "kid");
  if (jwk.kty !== "RSA") return fail("UK.OBIE.Signature.InvalidClaim", `Key ${header.kid} is ${jwk.kty}; PS256 needs an RSA key.`, "kid");
  const body = options.body ?? Buffer.alloc(0);
  try {
    const key = await importJWK({ ...jwk, alg: "PS256" }, "PS256");
    await flattenedVerify({ protected: parts[0], payload: unencoded ? body : body.toString("base64url"), signature: parts[2] }, key, {
      algorithms: ["PS256"],
      crit: { [OB_CLAIMS.iat]: true, [OB_CLAIMS.iss]: true, [OB_CLAIMS.tan]: true },
    });
  } catch {
    return fail("UK.OBIE.Signature.Invalid", `The signature does not verify with key ${header.kid} over this request's body, as sent.`);
  }
  return { ok: true, kid: header.kid };
}
