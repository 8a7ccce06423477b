import { createHash } from "node:crypto";
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK, type KeyLike } from "jose";
import { createTtlCache } from "../../ttl-cache";
import type { DpopNonces } from "./dpop-nonce";
import type { ReplayStore } from "./dpop-replay-store";

/**
 * The signing algorithms a proof may use: FAPI 2.0 Security Profile's list (§5.4.1: PS256, ES256,
 * EdDSA with Ed25519). RS256 (PKCS#1 v1.5) is left out as FAPI 2.0 forbids it, and every
 * symmetric algorithm and `none` as RFC 9449 §4.2 does (a proof must be signed with a private key).
 */
export const DPOP_ALGS = ["ES256", "PS256", "EdDSA"] as const;

/** How far a proof's `iat` may be from the gateway's clock, either way (age, and the client's clock running ahead). */
export const DPOP_IAT_WINDOW_SECONDS = 60;

/** A proof is remembered while its `iat` could still pass: up to one window ahead and one behind. */
export const DPOP_REPLAY_TTL_MS = 2 * DPOP_IAT_WINDOW_SECONDS * 1000 + 5_000;

const MAX_PROOF_LENGTH = 8 * 1024;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

export type DpopFailureCode = "invalid_dpop_proof" | "use_dpop_nonce";

/** The proof's verdict; expected failures are values, with a detail naming the claim and what was wanted. */
export type DpopVerdict = { ok: true } | { ok: false; code: DpopFailureCode; detail: string };

export type DpopProofInput = {
  /** The `DPoP` header as received (several headers arrive joined by ", "). */
  proof: string;
  method: string;
  /** Path and query as received, e.g. "/v1/accounts?limit=1". */
  path: string;
  /** The access token of `Authorization: DPoP …` (its hash is `ath`). */
  accessToken: string;
  /** RFC 7638 SHA-256 thumbprint of the key the token is bound to (base64url). */
  jkt: string;
};

export type DpopVerifier = {
  verify(input: DpopProofInput): Promise<DpopVerdict>;
  /** The nonce to hand out now (`DPoP-Nonce`). */
  nonce(): string;
};

/**
 * `htu` compared as RFC 9449 §4.3 asks (RFC 3986 §6.2.2–6.2.3 normalisation):
 * scheme and host lower-cased, default port and dot segments removed (the URL parser does these),
 * percent-encodings upper-cased and unreserved ones decoded; query and fragment ignored.
 */
export function normaliseHtu(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const path = url.pathname.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
  return url.origin + path;
}

/** What a proof's protected header gives once checked: its algorithm, its key's thumbprint, the key. */
type ProofKey = { alg: string; thumbprint: string; key: KeyLike | Uint8Array };

const fail = (detail: string): DpopVerdict => ({ ok: false, code: "invalid_dpop_proof", detail });
const quote = (value: unknown) => (typeof value === "string" ? JSON.stringify(value.slice(0, 200)) : String(value));

/**
 * Verifies the DPoP proof of a call made with a DPoP-bound access token (RFC 9449 §4.3 and §7.1):
 * one compact JWS, `typ` dpop+jwt, an allowed asymmetric `alg`, a public `jwk` whose thumbprint is
 * the token's binding and whose key signed it, `htm` and `htu` of this request, `iat` within
 * ±60 s, `ath` of this token, a nonce of ours, and a `jti` never seen with this key. Cheap checks
 * first; the replay store is written last, so a refused proof burns nothing.
 */
export function createDpopVerifier(deps: {
  /** The portal's public URL (PORTAL_URL): `htu` must be its origin and the request's path. */
  publicUrl: string;
  nonces: DpopNonces;
  replay: ReplayStore;
  /** Seconds since the epoch (tests). */
  now?: () => number;
}): DpopVerifier {
  const origin = new URL(deps.publicUrl).origin;
  const now = deps.now ?? (() => Date.now() / 1000);
  // A client signs many proofs with one key, and their protected headers are byte for byte the
  // same: the header's checks, its thumbprint and the imported key are kept per header segment.
  const headers = createTtlCache<ProofKey>({ max: 5_000, ttlMs: 3_600_000 });

  async function proofKey(segment: string): Promise<ProofKey | DpopVerdict> {
    const cached = headers.get(segment);
    if (cached) return cached;
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<string, unknown>;
      if (!header || typeof header !== "object" || Array.isArray(header)) throw new TypeError();
    } catch {
      return fail("The DPoP proof's header is not base64url-encoded JSON.");
    }
    if (header.typ !== "dpop+jwt") return fail(`The proof's typ must be "dpop+jwt", got ${quote(header.typ)}.`);
    const alg = header.alg;
    if (typeof alg !== "string" || !(DPOP_ALGS as readonly string[]).includes(alg)) {
      return fail(`The proof's alg must be one of ${DPOP_ALGS.join(", ")} (asymmetric), got ${quote(alg)}.`);
    }
    const jwk = header.jwk as JWK | undefined;
    if (!jwk || typeof jwk !== "object" || Array.isArray(jwk)) return fail("The proof's header must carry the public key as jwk.");
    const privateMembers = PRIVATE_MEMBERS.filter((member) => member in jwk);
    if (privateMembers.length > 0) {
      return fail(`The proof's jwk must be a public key; it contains private member(s) ${privateMembers.join(", ")}.`);
    }
    let found: ProofKey;
    try {
      found = { alg, thumbprint: await calculateJwkThumbprint(jwk, "sha256"), key: await importJWK(jwk, alg) };
    } catch {
      return fail(`The proof's jwk is not a valid public key for ${alg}.`);
    }
    headers.set(segment, found);
    return found;
  }

  async function verify(input: DpopProofInput): Promise<DpopVerdict> {
    const { proof } = input;
    if (proof.includes(",")) return fail("Send exactly one DPoP header; this request has several.");
    if (proof.length > MAX_PROOF_LENGTH || proof.split(".").length !== 3) {
      return fail("The DPoP header must be one JWT in compact form (three base64url parts separated by dots).");
    }
    const checked = await proofKey(proof.slice(0, proof.indexOf(".")));
    if ("ok" in checked) return checked;
    const { alg, thumbprint, key } = checked;
    let payloadBytes: Uint8Array;
    try {
      ({ payload: payloadBytes } = await compactVerify(proof, key, { algorithms: [alg] }));
    } catch {
      return fail("The proof's signature does not verify with the jwk in its header.");
    }
    if (thumbprint !== input.jkt) {
      return fail(
        `The proof is signed with key ${thumbprint}, but this access token is bound to key ${input.jkt}. Sign proofs with the key the token was issued for.`,
      );
    }
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(payloadBytes).toString("utf8")) as Record<string, unknown>;
      if (!claims || typeof claims !== "object" || Array.isArray(claims)) throw new TypeError();
    } catch {
      return fail("The proof's payload is not a JSON object.");
    }

    if (typeof claims.jti !== "string" || claims.jti.length === 0 || claims.jti.length > 256) {
      return fail("The proof's jti is missing: give every proof a unique id (e.g. a random UUID), at most 256 characters.");
    }
    if (claims.htm !== input.method)
      return fail(`The proof's htm must be "${input.method}" (this request's method), got ${quote(claims.htm)}.`);
    const expectedHtu = normaliseHtu(origin + input.path.split("?")[0]);
    const htu = typeof claims.htu === "string" ? normaliseHtu(claims.htu) : null;
    if (htu === null || htu !== expectedHtu) {
      return fail(`The proof's htu must be ${expectedHtu} (this request's URL without query or fragment), got ${quote(claims.htu)}.`);
    }
    if (typeof claims.iat !== "number" || !Number.isFinite(claims.iat))
      return fail("The proof's iat is missing: set it to the current time in seconds.");
    const age = Math.round(now() - claims.iat);
    if (age > DPOP_IAT_WINDOW_SECONDS) {
      return fail(
        `The proof's iat is ${age} s in the past; proofs are accepted for ${DPOP_IAT_WINDOW_SECONDS} s. Make a fresh proof for every request.`,
      );
    }
    if (age < -DPOP_IAT_WINDOW_SECONDS) {
      return fail(
        `The proof's iat is ${-age} s in the future; at most ${DPOP_IAT_WINDOW_SECONDS} s of clock skew is accepted. Check the client's clock.`,
      );
    }
    if (typeof claims.ath !== "string") {
      return fail("The proof's ath is missing: a proof sent with an access token must carry ath = base64url(SHA-256(access token)).");
    }
    if (claims.ath !== createHash("sha256").update(input.accessToken).digest("base64url")) {
      return fail(
        "The proof's ath does not match the access token in Authorization: it must be base64url(SHA-256(access token)) of this token.",
      );
    }
    if (typeof claims.nonce !== "string") {
      return {
        ok: false,
        code: "use_dpop_nonce",
        detail: "The proof needs a nonce: retry with a new proof whose nonce claim is this response's DPoP-Nonce header.",
      };
    }
    const nonce = deps.nonces.check(claims.nonce);
    if (nonce !== "valid") {
      return {
        ok: false,
        code: "use_dpop_nonce",
        detail: `The proof's nonce ${nonce === "stale" ? "has expired" : "is not one this server issued"}: retry with a new proof whose nonce claim is this response's DPoP-Nonce header.`,
      };
    }
    const replayId = createHash("sha256").update(`${thumbprint}\n${claims.jti}`).digest("base64url");
    if (!(await deps.replay.firstUse(replayId, DPOP_REPLAY_TTL_MS))) {
      return fail(
        `The proof's jti ${quote(claims.jti)} was already used with this key: make a fresh proof (with a new jti) for every request.`,
      );
    }
    return { ok: true };
  }

  return { verify, nonce: () => deps.nonces.current() };
}
