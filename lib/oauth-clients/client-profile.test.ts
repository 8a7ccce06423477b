import { describe, expect, it } from "vitest";
import { parseStoredJwks, toClientAuthMethod, toClientProfile } from "./client-profile";

describe("stored OAuth settings", () => {
  it("read unknown values as the safe defaults", () => {
    expect(toClientProfile("fapi2")).toBe("fapi2");
    expect(toClientProfile("fapi1")).toBe("basic");
    expect(toClientAuthMethod("private_key_jwt")).toBe("private_key_jwt");
    expect(toClientAuthMethod("none")).toBe("client_secret_basic");
  });

  it("parse a stored JWKS, and never trust a broken one", () => {
    const jwks = { keys: [{ kty: "OKP", crv: "Ed25519", x: "abc", kid: "k1" }] };
    expect(parseStoredJwks(JSON.stringify(jwks))).toEqual(jwks);
    expect(parseStoredJwks(null)).toBeNull();
    expect(parseStoredJwks("{not json")).toBeNull();
    expect(parseStoredJwks('{"keys": "none"}')).toBeNull();
    expect(parseStoredJwks("null")).toBeNull();
  });
});
