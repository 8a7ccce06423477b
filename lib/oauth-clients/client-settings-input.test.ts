import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
// Unit tests run without a portal (and, unisolated, maybe after one started in development).
vi.mock("../env", () => ({ env: () => ({ NODE_ENV: "development" }) }));

import { clientJwksInput, jwksUriInput, jwksUriProblem, oauthClientSettingsInput } from "./client-settings-input";

function publicJwk(type: "rsa" | "ec" | "ed25519", kid: string, bits = 2048): Record<string, unknown> {
  const pair =
    type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: bits })
      : type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : generateKeyPairSync("ed25519");
  return { ...pair.publicKey.export({ format: "jwk" }), kid };
}

function privateJwk(kid: string): Record<string, unknown> {
  return { ...generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }), kid };
}

async function problems(
  schema: {
    safeParseAsync: (value: unknown) => Promise<{ success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }>;
  },
  value: unknown,
) {
  const result = await schema.safeParseAsync(value);
  return result.success ? [] : result.error!.issues.map((issue) => ({ pointer: "/" + issue.path.join("/"), message: issue.message }));
}

describe("clientJwksInput", () => {
  it("accepts public RSA, EC P-256 and Ed25519 signing keys", async () => {
    const jwks = { keys: [publicJwk("rsa", "r1"), { ...publicJwk("ec", "e1"), use: "sig", alg: "ES256" }, publicJwk("ed25519", "o1")] };
    expect(await problems(clientJwksInput, jwks)).toEqual([]);
  });

  it("refuses private members at the member, and never imports such a key", async () => {
    const found = await problems(clientJwksInput, { keys: [privateJwk("p1"), { ...publicJwk("ed25519", "s"), k: "AAAA" }] });
    expect(found).toEqual([
      { pointer: "/keys/0/d", message: expect.stringMatching(/private key member/) },
      { pointer: "/keys/1/k", message: expect.stringMatching(/private key member/) },
    ]);
  });

  it("refuses short RSA keys, other curves, other uses and symmetric keys", async () => {
    const p384 = { ...generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ format: "jwk" }), kid: "p384" };
    const found = await problems(clientJwksInput, {
      keys: [publicJwk("rsa", "short", 1024), p384, { ...publicJwk("ec", "enc"), use: "enc" }, { kty: "oct", kid: "hmac" }],
    });
    expect(found.map((problem) => problem.pointer)).toEqual(["/keys/0", "/keys/1/crv", "/keys/2/use", "/keys/3/kty"]);
    expect(found[0].message).toMatch(/at least 2048 bits/);
  });

  it("requires a unique kid on every key", async () => {
    const anonymous = publicJwk("ec", "x");
    delete anonymous.kid;
    expect((await problems(clientJwksInput, { keys: [anonymous] }))[0]).toEqual({
      pointer: "/keys/0/kid",
      message: expect.stringMatching(/kid/),
    });
    expect(await problems(clientJwksInput, { keys: [publicJwk("ec", "same"), publicJwk("ed25519", "same")] })).toEqual([
      { pointer: "/keys/1/kid", message: 'kid "same" is used twice' },
    ]);
  });

  it("refuses a key that does not parse, more than 10 keys, and more than 8 KiB", async () => {
    expect((await problems(clientJwksInput, { keys: [{ kty: "EC", crv: "P-256", kid: "bad", x: "AAAA", y: "AAAA" }] }))[0].pointer).toBe(
      "/keys/0",
    );
    const eleven = Array.from({ length: 11 }, (_, index) => publicJwk("ed25519", `k${index}`));
    expect((await problems(clientJwksInput, { keys: eleven }))[0]).toEqual({ pointer: "/keys", message: "At most 10 keys" });
    const rsa = publicJwk("rsa", "rsa");
    const big = Array.from({ length: 10 }, (_, index) => ({ ...rsa, kid: `rsa-${index}`, x5u: `https://tpp.example/${"c".repeat(500)}` }));
    expect(await problems(clientJwksInput, { keys: big })).toEqual([{ pointer: "/", message: "A JWKS is at most 8 KiB" }]);
  });
});

describe("jwksUriInput", () => {
  it.each(["https://tpp.example/.well-known/jwks.json", "http://localhost:8080/jwks.json", "http://127.0.0.1:9000/jwks"])(
    "accepts %s",
    async (uri) => {
      expect(await problems(jwksUriInput, uri)).toEqual([]);
    },
  );

  it.each([
    ["http://tpp.example/jwks.json", /https/],
    ["https://169.254.169.254/latest/meta-data", /private, link-local, metadata/],
    ["https://10.0.0.7/jwks", /private/],
    ["https://[fd00:ec2::254]/jwks", /private/],
    ["https://user:pw@tpp.example/jwks", /credentials/],
    ["https://tpp.example/jwks#a", /fragment/],
    ["jwks.json", /absolute URL/],
  ])("refuses %s", async (uri, message) => {
    expect((await problems(jwksUriInput, uri))[0]?.message).toMatch(message);
  });

  it("refuses loopback in production", () => {
    const production = { production: true };
    expect(jwksUriProblem("http://localhost:8080/jwks.json", production)).toBe("Must use https");
    expect(jwksUriProblem("https://localhost/jwks.json", production)).toMatch(/loopback/);
    expect(jwksUriProblem("https://127.0.0.1/jwks.json", production)).toMatch(/loopback/);
    expect(jwksUriProblem("https://tpp.example/jwks.json", production)).toBeNull();
  });
});

describe("oauthClientSettingsInput", () => {
  const jwks = { keys: [publicJwk("ec", "k1")] };

  it("accepts Basic with a secret, and FAPI 2.0 with private_key_jwt and keys", async () => {
    expect(await problems(oauthClientSettingsInput, { profile: "basic", token_endpoint_auth_method: "client_secret_basic" })).toEqual([]);
    expect(await problems(oauthClientSettingsInput, { profile: "fapi2", token_endpoint_auth_method: "private_key_jwt", jwks })).toEqual([]);
    const parsed = await oauthClientSettingsInput.parseAsync({
      profile: "fapi2",
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: "https://tpp.example/jwks.json",
    });
    expect(parsed).toEqual({
      profile: "fapi2",
      token_endpoint_auth_method: "private_key_jwt",
      jwks: null,
      jwks_uri: "https://tpp.example/jwks.json",
      message_signing: false,
    });
  });

  it("requires private_key_jwt under FAPI 2.0, and keys for private_key_jwt", async () => {
    expect(await problems(oauthClientSettingsInput, { profile: "fapi2", token_endpoint_auth_method: "client_secret_basic" })).toEqual([
      { pointer: "/token_endpoint_auth_method", message: "FAPI 2.0 requires private_key_jwt" },
      { pointer: "/jwks", message: expect.stringMatching(/^FAPI 2.0 needs your public keys/) },
    ]);
    expect(await problems(oauthClientSettingsInput, { profile: "basic", token_endpoint_auth_method: "private_key_jwt" })).toEqual([
      { pointer: "/jwks", message: expect.stringMatching(/^private_key_jwt needs your public keys/) },
    ]);
  });

  it("refuses a JWKS and a JWKS URI together, and unknown fields", async () => {
    expect(
      await problems(oauthClientSettingsInput, {
        profile: "basic",
        token_endpoint_auth_method: "private_key_jwt",
        jwks,
        jwks_uri: "https://tpp.example/jwks.json",
      }),
    ).toEqual([{ pointer: "/jwks_uri", message: "Give either a JWKS or a JWKS URI, not both" }]);
    expect(
      (await problems(oauthClientSettingsInput, { profile: "basic", token_endpoint_auth_method: "client_secret_basic", extra: 1 }))[0]
        .pointer,
    ).toBe("/");
  });

  it("turns UK message signing on only with keys able to sign PS256 (an RSA key, or a JWKS URI)", async () => {
    const base = { profile: "basic", token_endpoint_auth_method: "client_secret_basic", message_signing: true };
    expect(await problems(oauthClientSettingsInput, { ...base, jwks: { keys: [publicJwk("rsa", "r1")] } })).toEqual([]);
    expect(await problems(oauthClientSettingsInput, { ...base, jwks_uri: "https://tpp.example/jwks.json" })).toEqual([]);
    expect(await problems(oauthClientSettingsInput, base)).toEqual([
      { pointer: "/message_signing", message: expect.stringMatching(/^Message signing needs your public keys/) },
    ]);
    expect(await problems(oauthClientSettingsInput, { ...base, jwks })).toEqual([
      { pointer: "/message_signing", message: expect.stringMatching(/PS256: add an RSA key/) },
    ]);
  });
});
