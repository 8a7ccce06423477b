import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { directoryJwks, directoryKey } from "./directory-key";
import { signSoftwareStatement, STATEMENT_TTL_SECONDS } from "./software-statement";

const SECRET = "directory-test-secret-of-at-least-32-characters";
const ISSUER = "https://sandbox.openbank.example/directory";

const claims = {
  software_id: "app_3kT9xQ",
  software_client_name: "Budget Buddy",
  software_redirect_uris: ["https://budget.example/cb"],
  software_jwks: { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k1" }] },
  software_roles: ["AISP", "PISP"],
  software_token_endpoint_auth_method: "private_key_jwt",
  org_id: "team_abc",
};

describe("the directory key", () => {
  it("is derived from the secret: stable across calls, different for another secret", async () => {
    const first = await directoryJwks(SECRET);
    // Pinned: a change of derivation (salt, info, curve) would silently invalidate every issued statement.
    expect(first.keys[0]).toMatchObject({
      x: "pp8CTOGiMU-Uzae2V4yW9vnh3exLWEFETE1Ft_XNmE4",
      kid: "iEZ5xRf4JmhfXwCZg4T1W3_ReFBizSeP_O-FtwnGp_g",
    });
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(first.keys[0].kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.keys[0]).not.toHaveProperty("d");
    expect((await directoryJwks(`${SECRET}-other`)).keys[0].kid).not.toBe(first.keys[0].kid);
  });

  it("publishes only the public half", async () => {
    const key = await directoryKey(SECRET);
    expect(key.privateKey.type).toBe("private");
    expect(Object.keys(key.publicJwk).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
  });
});

describe("software statements", () => {
  it("verify with the published JWKS and carry the app's claims", async () => {
    const now = new Date("2026-12-10T10:00:00Z");
    const { jwt, expiresAt } = await signSoftwareStatement({ claims, issuer: ISSUER, now, secret: SECRET });
    const jwks = await directoryJwks(SECRET);
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      typ: "JWT",
      algorithms: ["EdDSA"],
      currentDate: now,
    });
    expect(protectedHeader).toEqual({ alg: "EdDSA", typ: "JWT", kid: jwks.keys[0].kid });
    expect(payload).toEqual({
      ...claims,
      iss: ISSUER,
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + STATEMENT_TTL_SECONDS,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(expiresAt.toISOString()).toBe("2027-01-09T10:00:00.000Z");
  });

  it("each have their own jti, and fail verification under another secret's keys or after exp", async () => {
    const a = await signSoftwareStatement({ claims, issuer: ISSUER, secret: SECRET });
    const b = await signSoftwareStatement({ claims, issuer: ISSUER, secret: SECRET });
    const jti = async (jwt: string) => (await jwtVerify(jwt, createLocalJWKSet(await directoryJwks(SECRET)))).payload.jti;
    expect(await jti(a.jwt)).not.toBe(await jti(b.jwt));
    expect(decodeProtectedHeader(a.jwt).kid).toBe((await directoryKey(SECRET)).kid);
    await expect(jwtVerify(a.jwt, createLocalJWKSet(await directoryJwks(`${SECRET}-other`)))).rejects.toThrow();
    const later = new Date(Date.now() + (STATEMENT_TTL_SECONDS + 60) * 1000);
    await expect(jwtVerify(a.jwt, createLocalJWKSet(await directoryJwks(SECRET)), { currentDate: later })).rejects.toThrow(/exp/);
  });
});
