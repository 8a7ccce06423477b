import { checkPrimeSync, createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from "node:crypto";

/**
 * The sandbox bank's UK Open Banking message-signing key: RSA 2048 (PS256, the only algorithm the
 * UK profile allows), derived from the internal secret, so every portal and bank instance holds
 * the same key without storing one, and a new secret is a key rotation.
 *
 * A deterministic RSA key: the primes are the first probable primes of an HMAC-SHA256 stream
 * keyed by HKDF(secret) (OpenSSL's Miller-Rabin through `checkPrimeSync` decides), e = 65537.
 * Derived once per process and secret (a few hundred milliseconds), then cached.
 */
export type MessageSigningKey = {
  privateKey: KeyObject;
  /** The public JWK as published: kty, n, e, kid (RFC 7638 thumbprint), use "sig", alg "PS256". */
  publicJwk: { kty: "RSA"; n: string; e: string; kid: string; use: "sig"; alg: "PS256" };
  kid: string;
};

const E = 65537n;
const PRIME_BYTES = 128; // two 1024-bit primes: a 2048-bit modulus

const cache = new Map<string, MessageSigningKey>();

function toBigInt(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString("hex")}`);
}

function toBytes(value: bigint, length?: number): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, "hex");
  return length && bytes.length < length ? Buffer.concat([Buffer.alloc(length - bytes.length), bytes]) : bytes;
}

const b64u = (value: bigint, length?: number) => toBytes(value, length).toString("base64url");

/** The inverse of a modulo m (they are coprime here by construction). */
function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error("not invertible");
  return ((oldS % m) + m) % m;
}

/** The next probable prime of the stream: top two bits set (so p·q has 2048 bits), odd, and p − 1 coprime to e. */
function nextPrime(next: () => Buffer): bigint {
  for (;;) {
    const bytes = next();
    bytes[0] |= 0xc0;
    bytes[bytes.length - 1] |= 0x01;
    const candidate = toBigInt(bytes);
    if ((candidate - 1n) % E === 0n) continue;
    if (checkPrimeSync(candidate, { checks: 64 })) return candidate;
  }
}

/** The bank's message-signing key for this internal secret. */
export function messageSigningKey(internalSecret: string): MessageSigningKey {
  const cached = cache.get(internalSecret);
  if (cached) return cached;
  const seed = Buffer.from(hkdfSync("sha256", internalSecret, "", "openbank uk-message-signing rsa v1", 32));
  let counter = 0;
  const next = () => {
    const blocks: Buffer[] = [];
    for (let i = 0; i < PRIME_BYTES / 32; i++) blocks.push(createHmac("sha256", seed).update(`block:${counter++}`).digest());
    return Buffer.concat(blocks);
  };
  const p = nextPrime(next);
  let q = nextPrime(next);
  while (q === p) q = nextPrime(next);
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = inverse(E, lambda);
  const size = PRIME_BYTES * 2;
  const privateKey = createPrivateKey({
    key: {
      kty: "RSA",
      n: b64u(n, size),
      e: b64u(E),
      d: b64u(d),
      p: b64u(p),
      q: b64u(q),
      dp: b64u(d % (p - 1n)),
      dq: b64u(d % (q - 1n)),
      qi: b64u(inverse(q, p)),
    },
    format: "jwk",
  });
  const { n: publicN, e: publicE } = createPublicKey(privateKey).export({ format: "jwk" }) as { n: string; e: string };
  // RFC 7638: SHA-256 of the required members, in lexicographic order, as JSON without spaces.
  const kid = createHash("sha256")
    .update(JSON.stringify({ e: publicE, kty: "RSA", n: publicN }))
    .digest("base64url");
  const key: MessageSigningKey = {
    privateKey,
    kid,
    publicJwk: { kty: "RSA", n: publicN, e: publicE, kid, use: "sig", alg: "PS256" },
  };
  cache.set(internalSecret, key);
  return key;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
