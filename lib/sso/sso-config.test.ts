import { describe, expect, it } from "vitest";
import { parsePortalEnv, SettingsError } from "@/lib/env";
import { ssoConfig } from "./sso-config";

const base = {
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef",
  API_KEY_PEPPER: "test-api-key-pepper-0123456789abcdef",
  BANK_INTERNAL_SECRET: "test-internal-secret-0123456789abcdef",
};
const sso = { SSO_ISSUER: "https://login.example.com/", SSO_CLIENT_ID: "portal", SSO_CLIENT_SECRET: "s3cret" };

describe("single sign-on settings", () => {
  it("is off without any SSO_* variable (blank lines count as unset)", () => {
    expect(ssoConfig(parsePortalEnv(base))).toBeNull();
    expect(ssoConfig(parsePortalEnv({ ...base, SSO_ISSUER: "", SSO_CLIENT_ID: "", SSO_CLIENT_SECRET: "" }))).toBeNull();
  });

  it("is on with all three, the issuer without its trailing slash, named SSO unless SSO_NAME says", () => {
    expect(ssoConfig(parsePortalEnv({ ...base, ...sso }))).toEqual({
      issuer: "https://login.example.com",
      clientId: "portal",
      clientSecret: "s3cret",
      name: "SSO",
    });
    expect(ssoConfig(parsePortalEnv({ ...base, ...sso, SSO_NAME: "Acme SSO" }))?.name).toBe("Acme SSO");
  });

  it("refuses one or two of the three, naming what is missing", () => {
    const attempt = () => parsePortalEnv({ ...base, SSO_ISSUER: sso.SSO_ISSUER, SSO_CLIENT_ID: sso.SSO_CLIENT_ID });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(
      /SSO_CLIENT_SECRET: single sign-on needs SSO_ISSUER, SSO_CLIENT_ID and SSO_CLIENT_SECRET together \(missing: SSO_CLIENT_SECRET\)/,
    );
    expect(() => parsePortalEnv({ ...base, SSO_CLIENT_SECRET: "s3cret" })).toThrow(/missing: SSO_ISSUER, SSO_CLIENT_ID/);
  });

  it("refuses an issuer that is not a URL", () => {
    expect(() => parsePortalEnv({ ...base, ...sso, SSO_ISSUER: "login.example.com" })).toThrow(/SSO_ISSUER/);
  });
});
