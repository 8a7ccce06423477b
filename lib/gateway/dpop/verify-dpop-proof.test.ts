import { base64url, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { dpopClientKey, makeProof, type ProofOptions } from "@/tests/support/dpop-proofs";
import { createDpopNonces } from "./dpop-nonce";
import { MemoryReplayStore } from "./dpop-replay-store";
import { createDpopVerifier, DPOP_REPLAY_TTL_MS, normaliseHtu } from "./verify-dpop-proof";

const TOKEN = "Hx3kQ8bqv0wPnE5r9ZtYc2LmA7dF4sJ6uG1oK_-iWRV"; // unprefixed, as the authorization server issues them
const URL_ACCOUNTS = "https://portal.example/v1/accounts";

let key: Awaited<ReturnType<typeof dpopClientKey>>;
beforeAll(async () => {
  key = await dpopClientKey("ES256");
});

function verifier(options: { nowMs?: () => number } = {}) {
  const nowMs = options.nowMs ?? Date.now;
  const nonces = createDpopNonces({ secret: "nextauth-secret-for-tests-0123456789abcdef", now: nowMs });
  const dpop = createDpopVerifier({
    publicUrl: "https://portal.example/",
    nonces,
    replay: new MemoryReplayStore({ ttlMs: DPOP_REPLAY_TTL_MS, now: nowMs }),
    now: () => nowMs() / 1000,
  });
  /** A proof for GET /v1/accounts with the token and the current nonce, changed by `options`. */
  const check = async (options: ProofOptions = {}, request: { method?: string; path?: string; jkt?: string } = {}) =>
    dpop.verify({
      proof: await makeProof(key, { token: TOKEN, nonce: dpop.nonce(), url: URL_ACCOUNTS, ...options }),
      method: request.method ?? "GET",
      path: request.path ?? "/v1/accounts?limit=2",
      accessToken: TOKEN,
      jkt: request.jkt ?? key.jkt,
    });
  return { dpop, nonces, check };
}

const refusal = (code: string, detail: RegExp | string) => ({ ok: false, code, detail: expect.stringMatching(detail) });

describe("verifyDpopProof: happy", () => {
  it.each(["ES256", "PS256", "EdDSA"] as const)("accepts a good %s proof (query ignored, as RFC 9449 says)", async (alg) => {
    const own = await dpopClientKey(alg);
    const { dpop } = verifier();
    const proof = await makeProof(own, { token: TOKEN, nonce: dpop.nonce(), url: URL_ACCOUNTS });
    expect(await dpop.verify({ proof, method: "GET", path: "/v1/accounts?limit=2", accessToken: TOKEN, jkt: own.jkt })).toEqual({
      ok: true,
    });
  });

  it("compares htu after RFC 3986 normalisation (case of scheme and host, default port, percent-encoding)", async () => {
    const { check } = verifier();
    expect(await check({ url: "HTTPS://Portal.Example:443/v1/accounts#frag" })).toEqual({ ok: true });
    expect(await check({ url: "https://portal.example/v1/%61ccounts" })).toEqual({ ok: true });
    expect(normaliseHtu("https://portal.example/v1/a%2fb?x=1")).toBe("https://portal.example/v1/a%2Fb");
    expect(normaliseHtu("not a url")).toBeNull();
    expect(normaliseHtu("ftp://portal.example/v1")).toBeNull();
  });

  it("accepts a nonce handed out a few minutes ago", async () => {
    let now = Date.now();
    const { dpop, check } = verifier({ nowMs: () => now });
    const nonce = dpop.nonce();
    now += 3 * 60_000;
    expect(await check({ nonce, iat: Math.floor(now / 1000) })).toEqual({ ok: true });
  });
});

describe("verifyDpopProof: refusals name what was wrong", () => {
  it("wrong htu", async () => {
    const { check } = verifier();
    expect(await check({ url: "https://portal.example/v1/payments" })).toEqual(
      refusal(
        "invalid_dpop_proof",
        /^The proof's htu must be https:\/\/portal\.example\/v1\/accounts .*got "https:\/\/portal\.example\/v1\/payments"/,
      ),
    );
    expect(await check({ url: "https://other.example/v1/accounts" })).toEqual(refusal("invalid_dpop_proof", /htu must be/));
    expect(await check({ claims: { htu: undefined } })).toEqual(refusal("invalid_dpop_proof", /htu must be .*got undefined/));
  });

  it("wrong htm", async () => {
    const { check } = verifier();
    expect(await check({ method: "POST" })).toEqual(refusal("invalid_dpop_proof", /^The proof's htm must be "GET" .*got "POST"/));
  });

  it("replayed jti, on the same key; the same jti on another key is another proof", async () => {
    const { dpop, check } = verifier();
    expect(await check({ jti: "once" })).toEqual({ ok: true });
    expect(await check({ jti: "once" })).toEqual(refusal("invalid_dpop_proof", /jti "once" was already used/));
    const other = await dpopClientKey();
    const proof = await makeProof(other, { token: TOKEN, nonce: dpop.nonce(), url: URL_ACCOUNTS, jti: "once" });
    expect(await dpop.verify({ proof, method: "GET", path: "/v1/accounts", accessToken: TOKEN, jkt: other.jkt })).toEqual({ ok: true });
  });

  it("a proof refused for another reason does not use up its jti", async () => {
    const { check } = verifier();
    expect((await check({ jti: "retry", nonce: "0.bad" })).ok).toBe(false);
    expect(await check({ jti: "retry" })).toEqual({ ok: true });
  });

  it("missing jti", async () => {
    const { check } = verifier();
    expect(await check({ claims: { jti: undefined } })).toEqual(refusal("invalid_dpop_proof", /jti is missing/));
  });

  it("missing ath, wrong ath", async () => {
    const { check } = verifier();
    expect(await check({ token: undefined })).toEqual(refusal("invalid_dpop_proof", /ath is missing/));
    expect(await check({ token: `${TOKEN}x` })).toEqual(refusal("invalid_dpop_proof", /ath does not match the access token/));
  });

  it("stale iat, and iat too far in the future; within the window is fine", async () => {
    const nowMs = 1_900_000_000_000;
    const { check } = verifier({ nowMs: () => nowMs });
    const now = nowMs / 1000;
    expect(await check({ iat: now - 120 })).toEqual(
      refusal("invalid_dpop_proof", /iat is 120 s in the past; proofs are accepted for 60 s/),
    );
    expect(await check({ iat: now + 120 })).toEqual(refusal("invalid_dpop_proof", /iat is 120 s in the future/));
    expect(await check({ claims: { iat: "now" } })).toEqual(refusal("invalid_dpop_proof", /iat is missing/));
    expect(await check({ iat: now - 50 })).toEqual({ ok: true });
    expect(await check({ iat: now + 50 })).toEqual({ ok: true });
  });

  it("a private key in jwk", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const { check } = verifier();
    expect(await check({ header: { jwk: await exportJWK(privateKey) } })).toEqual(
      refusal("invalid_dpop_proof", /jwk must be a public key; it contains private member\(s\) d/),
    );
  });

  it("alg none and HS256 (symmetric), and RS256 (not FAPI 2.0)", async () => {
    const { dpop } = verifier();
    const claims = { htm: "GET", htu: URL_ACCOUNTS, iat: Math.floor(Date.now() / 1000), jti: "n", nonce: dpop.nonce() };
    const none = new UnsecuredJWT(claims).encode();
    const noneWithHeader = `${base64url.encode(JSON.stringify({ typ: "dpop+jwt", alg: "none", jwk: key.jwk }))}.${none.split(".")[1]}.`;
    const input = { method: "GET", path: "/v1/accounts", accessToken: TOKEN, jkt: key.jkt };
    expect(await dpop.verify({ ...input, proof: noneWithHeader })).toEqual(
      refusal("invalid_dpop_proof", /alg must be one of ES256, PS256, EdDSA .*got "none"/),
    );
    const secret = new TextEncoder().encode("a".repeat(32));
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ typ: "dpop+jwt", alg: "HS256", jwk: { kty: "oct", k: base64url.encode(secret) } } as never)
      .sign(secret);
    expect(await dpop.verify({ ...input, proof: hs })).toEqual(refusal("invalid_dpop_proof", /got "HS256"/));
    const rsa = await dpopClientKey("PS256");
    const rs256 = await makeProof({ ...rsa, alg: "RS256" as never }, { token: TOKEN, nonce: dpop.nonce(), url: URL_ACCOUNTS });
    expect(await dpop.verify({ ...input, jkt: rsa.jkt, proof: rs256 })).toEqual(refusal("invalid_dpop_proof", /got "RS256"/));
  });

  it("wrong typ, no jwk, not a JWT, several DPoP headers", async () => {
    const { dpop, check } = verifier();
    expect(await check({ header: { typ: "JWT" } })).toEqual(refusal("invalid_dpop_proof", /typ must be "dpop\+jwt", got "JWT"/));
    expect(await check({ header: { jwk: undefined } })).toEqual(refusal("invalid_dpop_proof", /must carry the public key as jwk/));
    const input = { method: "GET", path: "/v1/accounts", accessToken: TOKEN, jkt: key.jkt };
    expect(await dpop.verify({ ...input, proof: "not-a-jwt" })).toEqual(refusal("invalid_dpop_proof", /one JWT in compact form/));
    expect(await dpop.verify({ ...input, proof: "e30.e30.e30" })).toEqual(refusal("invalid_dpop_proof", /typ must be "dpop\+jwt"/));
    const good = await makeProof(key, { token: TOKEN, nonce: dpop.nonce(), url: URL_ACCOUNTS });
    expect(await dpop.verify({ ...input, proof: `${good}, ${good}` })).toEqual(refusal("invalid_dpop_proof", /exactly one DPoP header/));
  });

  it("a signature by another key than the jwk's", async () => {
    const other = await dpopClientKey();
    const { check } = verifier();
    expect(await check({ signWith: other.privateKey })).toEqual(refusal("invalid_dpop_proof", /signature does not verify/));
  });

  it("a proof by another key than the token is bound to (wrong thumbprint)", async () => {
    const { check } = verifier();
    const bound = (await dpopClientKey()).jkt;
    expect(await check({}, { jkt: bound })).toEqual(
      refusal("invalid_dpop_proof", `The proof is signed with key ${key.jkt}, but this access token is bound to key ${bound}.`),
    );
  });

  it("nonce missing, stale, or not ours: use_dpop_nonce", async () => {
    let now = Date.now();
    const { dpop, check } = verifier({ nowMs: () => now });
    expect(await check({ nonce: undefined })).toEqual(refusal("use_dpop_nonce", /needs a nonce.*DPoP-Nonce/));
    expect(await check({ nonce: "A".repeat(43) })).toEqual(refusal("use_dpop_nonce", /is not one this server issued/));
    const old = dpop.nonce();
    now += 6 * 60_000;
    expect(await check({ nonce: old, iat: Math.floor(now / 1000) })).toEqual(refusal("use_dpop_nonce", /has expired/));
    expect(await check({ iat: Math.floor(now / 1000) })).toEqual({ ok: true });
  });
});
