import {
  checkPrimeSync,
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";

/**
 * UK Open Banking message signing (Read/Write API Profile 4.0, "Message Signing"): the bank signs
 * the exact bytes of an answer's body as a JWS with detached content (RFC 7515 Appendix F) and
 * sends it in `x-jws-signature`. Since 3.1.4 the profile has no `b64` claim: the signing input is
 * BASE64URL(header) "." BASE64URL(body), as any JWS library computes it, and the header carries
 * `alg` PS256, `kid`, `typ` JOSE, `cty` application/json and the three private claims
 * `http://openbanking.org.uk/iat`, `…/iss` and `…/tan`, all named in `crit`.
 *
 * The key is a 2048-bit RSA key derived from the bank's internal secret (PS256 needs RSA): the
 * primes are found deterministically from HKDF output, so every bank and portal instance has the
 * same key without storing one, and a new secret is a key rotation, as for the authorization
 * server's ES256 key (mock-bank domain/oauth/signing-keys.ts). Its public half is published in the
 * bank's JWKS (`/oauth/jwks`, `use: sig`, `alg: PS256`, kid = its RFC 7638 thumbprint).
 *
 * Shared: the bank signs its UK answers with it, and the portal's gateway signs its own refusals of
 * payment calls (which the 4.0 documents also require to carry `x-jws-signature`) with the same key.
 */

export const OB_CLAIMS = {
  iat: "http://openbanking.org.uk/iat",
  iss: "http://openbanking.org.uk/iss",
  tan: "http://openbanking.org.uk/tan",
} as const;

/** The bank's organisation id in the `…/iss` claim (an ASPSP signs with its org id). */
export const BANK_ORGANISATION_ID = "openbank-sandbox";

export type RsaPrivateJwk = {
  kty: "RSA";
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
  kid: string;
  use: "sig";
  alg: "PS256";
};

export type RsaPublicJwk = Pick<RsaPrivateJwk, "kty" | "n" | "e" | "kid" | "use" | "alg">;

const E = 65_537n;
const PRIME_BITS = 1024;

/** Odd primes below 3000: a candidate divisible by one is skipped before the real primality test. */
const SMALL_PRIMES: number[] = [];
for (let n = 3; n < 3000; n += 2) if (SMALL_PRIMES.every((p) => n % p !== 0)) SMALL_PRIMES.push(n);

const toBigInt = (bytes: Buffer) => BigInt(`0x${bytes.toString("hex")}`);

function toBase64Url(value: bigint): string {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex").toString("base64url");
}

/**
 * A 1024-bit prime from the secret: HKDF gives the start (top two bits set, so p·q has exactly
 * 2048 bits), then the first odd number from there that passes OpenSSL's primality test and
 * keeps gcd(e, p−1) = 1. A sieve of small primes spares most of the tests (~50 ms for a pair).
 */
function derivePrime(secret: string, label: string): bigint {
  const bytes = Buffer.from(hkdfSync("sha256", secret, "openbank-sandbox", `ob-message-signing:${label}`, PRIME_BITS / 8));
  bytes[0] |= 0xc0;
  bytes[bytes.length - 1] |= 1;
  const start = toBigInt(bytes);
  const residues = SMALL_PRIMES.map((p) => Number(start % BigInt(p)));
  for (let step = 0; ; step += 2) {
    if (!SMALL_PRIMES.every((p, i) => (residues[i] + step) % p !== 0)) continue;
    const candidate = start + BigInt(step);
    if ((candidate - 1n) % E === 0n) continue;
    if (checkPrimeSync(candidate)) return candidate;
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new Error("not invertible");
  return ((oldS % m) + m) % m;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** RFC 7638 thumbprint of an RSA public key. */
export function rsaThumbprint(jwk: { e: string; n: string }): string {
  return createHash("sha256")
    .update(JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n }))
    .digest("base64url");
}

const derived = new Map<string, RsaPrivateJwk>();

/** The bank's PS256 message-signing key (a private JWK), the same on every instance with the same secret. */
export function deriveMessageSigningJwk(secret: string): RsaPrivateJwk {
  const cached = derived.get(secret);
  if (cached) return cached;
  let p = derivePrime(secret, "p");
  let q = derivePrime(secret, "q");
  if (p === q) throw new Error("derived the same prime twice");
  if (p < q) [p, q] = [q, p];
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(E, lambda);
  const parts = { n: toBase64Url(n), e: toBase64Url(E) };
  const jwk: RsaPrivateJwk = {
    kty: "RSA",
    ...parts,
    d: toBase64Url(d),
    p: toBase64Url(p),
    q: toBase64Url(q),
    dp: toBase64Url(d % (p - 1n)),
    dq: toBase64Url(d % (q - 1n)),
    qi: toBase64Url(modInverse(q, p)),
    kid: rsaThumbprint(parts),
    use: "sig",
    alg: "PS256",
  };
  derived.set(secret, jwk);
  return jwk;
}

export function publicJwkOf(jwk: RsaPrivateJwk): RsaPublicJwk {
  return { kty: "RSA", n: jwk.n, e: jwk.e, kid: jwk.kid, use: "sig", alg: "PS256" };
}

export type MessageSigner = {
  kid: string;
  publicJwk: RsaPublicJwk;
  /** The `x-jws-signature` value for these exact body bytes, signed at `now` (the real clock). */
  sign(body: string | Buffer, now: Date): string;
};

const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } as const;

/**
 * The bank's signer. `trustAnchor` is the `…/tan` claim: the domain that publishes the public key
 * (the portal's host, whose /oauth/jwks lists it).
 */
export function createMessageSigner(options: { secret: string; trustAnchor: string }): MessageSigner {
  const jwk = deriveMessageSigningJwk(options.secret);
  const privateKey = createPrivateKey({ key: jwk, format: "jwk" });
  return {
    kid: jwk.kid,
    publicJwk: publicJwkOf(jwk),
    sign(body, now) {
      const header = {
        alg: "PS256",
        typ: "JOSE",
        cty: "application/json",
        kid: jwk.kid,
        [OB_CLAIMS.iat]: Math.floor(now.getTime() / 1000),
        [OB_CLAIMS.iss]: BANK_ORGANISATION_ID,
        [OB_CLAIMS.tan]: options.trustAnchor,
        crit: [OB_CLAIMS.iat, OB_CLAIMS.iss, OB_CLAIMS.tan],
      };
      const protectedHeader = Buffer.from(JSON.stringify(header)).toString("base64url");
      const input = `${protectedHeader}.${Buffer.from(body).toString("base64url")}`;
      const signature = sign("sha256", Buffer.from(input), { key: privateKey, ...PSS });
      return `${protectedHeader}..${signature.toString("base64url")}`;
    },
  };
}

export type DetachedVerification =
  | { valid: true; header: Record<string, unknown> }
  | { valid: false; reason: "malformed" | "unexpected_header" | "wrong_key" | "bad_signature" };

/**
 * Checks a detached JWS over `body` with a public key, as a TPP checks the bank's answers (and the
 * tests do): the profile's header (PS256, the three claims, nothing else critical, no `b64`), then
 * the signature over the body bytes.
 */
export function verifyDetachedSignature(jws: string, body: string | Buffer, publicJwk: RsaPublicJwk | KeyObject): DetachedVerification {
  const parts = jws.split(".");
  if (parts.length !== 3 || parts[1] !== "") return { valid: false, reason: "malformed" };
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return { valid: false, reason: "malformed" };
  }
  const crit = header.crit;
  const claims = Object.values(OB_CLAIMS);
  if (
    header.alg !== "PS256" ||
    "b64" in header ||
    typeof header[OB_CLAIMS.iat] !== "number" ||
    typeof header[OB_CLAIMS.iss] !== "string" ||
    typeof header[OB_CLAIMS.tan] !== "string" ||
    !Array.isArray(crit) ||
    crit.length !== claims.length ||
    !claims.every((claim) => crit.includes(claim))
  )
    return { valid: false, reason: "unexpected_header" };
  const key = "kty" in publicJwk ? createPublicKey({ key: publicJwk, format: "jwk" }) : publicJwk;
  if ("kid" in publicJwk && header.kid !== publicJwk.kid) return { valid: false, reason: "wrong_key" };
  const input = `${parts[0]}.${Buffer.from(body).toString("base64url")}`;
  const ok = verify("sha256", Buffer.from(input), { key, ...PSS }, Buffer.from(parts[2], "base64url"));
  return ok ? { valid: true, header } : { valid: false, reason: "bad_signature" };
}
