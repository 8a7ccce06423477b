import { describe, expect, it } from "vitest";
import { ssoClaims } from "./resolve-sso-user";

const issuer = "https://login.example.com";

describe("ssoClaims", () => {
  it("reads the verified email, lower-cased, and the issuer the ID token names", () => {
    expect(
      ssoClaims({ iss: "https://idp.example.com/", sub: "u-1", email: " Ada@Example.COM", email_verified: true, name: "Ada" }, issuer),
    ).toEqual({
      issuer: "https://idp.example.com",
      subject: "u-1",
      email: "ada@example.com",
      emailVerified: true,
      name: "Ada",
    });
  });

  it("counts email_verified only when it says true (some providers send the string)", () => {
    expect(ssoClaims({ sub: "u", email: "a@example.com", email_verified: "true" }, issuer).emailVerified).toBe(true);
    expect(ssoClaims({ sub: "u", email: "a@example.com", email_verified: false }, issuer).emailVerified).toBe(false);
    expect(ssoClaims({ sub: "u", email: "a@example.com", email_verified: "false" }, issuer).emailVerified).toBe(false);
    expect(ssoClaims({ sub: "u", email: "a@example.com" }, issuer).emailVerified).toBe(false);
  });

  it("has no email when the claim is missing or not an address, and falls back to the configured issuer", () => {
    expect(ssoClaims({ sub: "u" }, issuer)).toMatchObject({ email: null, issuer });
    expect(ssoClaims({ sub: "u", email: "not-an-address", email_verified: true }, issuer).email).toBeNull();
  });

  it("builds a name from given and family names, and keeps it to 100 characters", () => {
    expect(ssoClaims({ sub: "u", given_name: "Grace", family_name: "Hopper" }, issuer).name).toBe("Grace Hopper");
    expect(ssoClaims({ sub: "u", name: "  " }, issuer).name).toBeNull();
    expect(ssoClaims({ sub: "u", name: "x".repeat(300) }, issuer).name).toHaveLength(100);
  });
});
