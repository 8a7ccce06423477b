import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMessageSigner, deriveMessageSigningJwk, publicJwkOf, verifyDetachedSignature } from "./message-signing";

const SECRET = "test-internal-secret-".padEnd(40, "x");
const NOW = new Date("2026-11-21T10:30:00.000Z");

describe("the bank's message-signing key", () => {
  it("is a 2048-bit RSA key, the same for the same secret and another for another secret", () => {
    const key = deriveMessageSigningJwk(SECRET);
    expect(Buffer.from(key.n, "base64url").length).toBe(256);
    expect(key).toMatchObject({ kty: "RSA", e: "AQAB", alg: "PS256", use: "sig", kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(deriveMessageSigningJwk(SECRET).kid).toBe(key.kid);
    expect(deriveMessageSigningJwk(`${SECRET}-rotated`).kid).not.toBe(key.kid);
    expect(publicJwkOf(key)).not.toHaveProperty("d");
  });
});

describe("detached signatures", () => {
  const signer = createMessageSigner({ secret: SECRET, trustAnchor: "portal.test" });
  const body = JSON.stringify({ Data: { Status: "AUTH", Amount: "10.00" } });

  it("verify over the exact bytes with the public key, and fail for any other body, key or header", async () => {
    const jws = signer.sign(body, NOW);
    expect(jws.split(".")[1]).toBe("");
    expect(verifyDetachedSignature(jws, body, signer.publicJwk)).toMatchObject({ valid: true });
    expect(verifyDetachedSignature(jws, Buffer.from(body), signer.publicJwk)).toMatchObject({ valid: true });
    expect(verifyDetachedSignature(jws, body.replace("10.00", "10.01"), signer.publicJwk)).toEqual({
      valid: false,
      reason: "bad_signature",
    });
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    expect(verifyDetachedSignature(jws, body, other)).toEqual({ valid: false, reason: "bad_signature" });
    const [header, , signature] = jws.split(".");
    const withB64 = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, "base64url").toString()), b64: false })).toString(
      "base64url",
    );
    expect(verifyDetachedSignature(`${withB64}..${signature}`, body, signer.publicJwk)).toEqual({
      valid: false,
      reason: "unexpected_header",
    });
    expect(verifyDetachedSignature("not-a-jws", body, signer.publicJwk)).toEqual({ valid: false, reason: "malformed" });

    // jose, independently (RFC 7515 Appendix F: put the payload back and verify as usual).
    const { flattenedVerify, importJWK } = await import("jose");
    await expect(
      flattenedVerify(
        { protected: header, payload: Buffer.from(body).toString("base64url"), signature },
        await importJWK(signer.publicJwk, "PS256"),
        {
          crit: { "http://openbanking.org.uk/iat": true, "http://openbanking.org.uk/iss": true, "http://openbanking.org.uk/tan": true },
        },
      ),
    ).resolves.toBeTruthy();
  });

  it("carry the profile's header: PS256, kid, iat in seconds, iss, tan, crit, and no b64", () => {
    const header = JSON.parse(Buffer.from(signer.sign(body, NOW).split(".")[0], "base64url").toString());
    expect(header).toEqual({
      alg: "PS256",
      typ: "JOSE",
      cty: "application/json",
      kid: signer.kid,
      "http://openbanking.org.uk/iat": 1795257000,
      "http://openbanking.org.uk/iss": "openbank-sandbox",
      "http://openbanking.org.uk/tan": "portal.test",
      crit: ["http://openbanking.org.uk/iat", "http://openbanking.org.uk/iss", "http://openbanking.org.uk/tan"],
    });
  });
});

describe("the key across processes", () => {
  it("is the same in every process holding the secret (the bank signs its answers, the gateway its refusals)", async () => {
    const { execFileSync } = await import("node:child_process");
    const path = await import("node:path");
    const script = `import { deriveMessageSigningJwk } from ${JSON.stringify(path.resolve(__dirname, "message-signing.ts"))}; console.log(deriveMessageSigningJwk(${JSON.stringify(SECRET)}).kid);`;
    const elsewhere = execFileSync(path.resolve("node_modules/.bin/tsx"), ["--eval", script], { encoding: "utf8" }).trim();
    expect(elsewhere).toBe(deriveMessageSigningJwk(SECRET).kid);
  });
});
