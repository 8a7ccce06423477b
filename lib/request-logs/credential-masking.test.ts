import { describe, expect, it } from "vitest";
import { generateToken as generatePersonalAccessToken } from "@/lib/tokens/personal-access-token";
import {
  containsCredential,
  CREDENTIAL_FORMATS,
  credentialFormatOf,
  isWholeCredential,
  type CredentialFormat,
} from "@openbank/contracts/credential-formats";
import { generateRegistrationAccessToken, generateToken } from "@/mock-bank/src/domain/oauth/opaque-token";
import { generateDeviceCode } from "../device/device-codes";
import { generateApiKey } from "../keys/api-key";
import { generateClientSecret } from "../oauth-clients/client-secret";
import { generateSigningSecret } from "../webhooks/signing-secret";
import { maskBody, maskHeaders, maskPath, REDACTED } from "./mask";

/**
 * Issue 21 (finding 3): the request log stored client secrets, webhook secrets and consent tokens in
 * clear when they came in a query string, a custom header or an ordinarily named body field. Every
 * format of @openbank/contracts/credential-formats, in every place a request can carry it, is masked.
 */

/** Where each issued format is made: a new issued format must name its generator here. */
const GENERATORS: Record<string, () => string> = {
  api_key: generateApiKey,
  oauth_client_secret: generateClientSecret,
  webhook_signing_secret: generateSigningSecret,
  consent_access_token: () => generateToken("access"),
  consent_refresh_token: () => generateToken("refresh"),
  authorization_code: () => generateToken("code"),
  registration_access_token: generateRegistrationAccessToken,
  personal_access_token: generatePersonalAccessToken,
  device_code: generateDeviceCode,
};

/** A credential of the format as it is issued (the generator's), or shaped like one (reserved formats). */
function example(format: CredentialFormat): string {
  const generate = GENERATORS[format.kind];
  if (generate) return generate();
  const body = "Zq8Wm3Xv7Tn2Kp5Rs9Ly4Hb6Jd1Fc0Ga".repeat(3).slice(0, format.length);
  return format.prefix + body;
}

/** The credential's secret part (what must never be stored): its body after the prefix. */
const secretPart = (credential: string) => credential.slice(credentialFormatOf(credential)!.prefix.length);

const formats = CREDENTIAL_FORMATS.map((format) => [format.description, format] as const);

describe("the credential formats", () => {
  it("names a generator for every issued format, and every generator makes a whole credential of its format", () => {
    const issued = CREDENTIAL_FORMATS.filter((format) => format.status === "issued").map((format) => format.kind);
    expect(Object.keys(GENERATORS).sort()).toEqual([...issued].sort());
    for (const format of CREDENTIAL_FORMATS.filter((candidate) => candidate.status === "issued")) {
      for (let i = 0; i < 50; i++) {
        const credential = GENERATORS[format.kind]();
        expect(credentialFormatOf(credential)?.kind, credential).toBe(format.kind);
        expect(isWholeCredential(format, credential), credential).toBe(true);
      }
    }
  });

  it("has distinct prefixes, none the start of another (a credential has one format)", () => {
    const prefixes = CREDENTIAL_FORMATS.map((format) => format.prefix);
    for (const prefix of prefixes) expect(prefixes.filter((other) => other.startsWith(prefix))).toEqual([prefix]);
  });

  it("takes display prefixes and ordinary words for what they are (not credentials)", () => {
    for (const text of ["sk_sandbox_AbCd…wxyz", "oat_AbCd…wxyz", "whsec_…", "created_at_2026", "format_2026-12-06", "pat_expires_at"])
      expect(containsCredential(text), text).toBe(false);
  });
});

describe.each(formats)("%s", (_, format) => {
  const credential = example(format);
  const hidden = secretPart(credential);
  const masked = `${format.prefix}${REDACTED}`;

  it("is masked in a query string, under any parameter name", () => {
    for (const name of ["note", "q", "redirect", "client_secret"]) {
      const stored = maskPath(`/v1/accounts?${name}=${encodeURIComponent(credential)}&limit=2`);
      expect(stored, name).not.toContain(hidden);
      expect(stored, name).not.toContain(encodeURIComponent(hidden));
      expect(stored).toContain("limit=2");
    }
    expect(maskPath(`/v1/accounts/${credential}`)).toBe(`/v1/accounts/${masked}`);
  });

  it("is masked in a header of any name, alone or inside a value", () => {
    const headers = maskHeaders([
      ["x-partner-reference", credential],
      ["X-Forwarded-Credential", `v=${credential}; other=1`],
      ["user-agent", `script/1.0 (${credential})`],
      ["authorization", `Bearer ${credential}`],
    ]);
    expect(JSON.stringify(headers)).not.toContain(hidden);
    expect(headers["x-partner-reference"]).toBe(masked);
    expect(headers["user-agent"]).toBe(`script/1.0 (${masked})`);
  });

  it("is masked in a JSON body under an ordinary field name, in free text, in a list, as a key and under a personal field", () => {
    const body = JSON.stringify({
      description: credential,
      reference: `paid with ${credential} today`,
      tags: ["a", credential],
      nested: { memo: credential },
      [credential]: true,
      email: credential,
      account_number: credential,
    });
    const stored = maskBody(body, "application/json")!;
    expect(stored).not.toContain(hidden);
    const parsed = JSON.parse(stored);
    expect(parsed.description).toBe(masked);
    expect(parsed.reference).toBe(`paid with ${masked} today`);
    expect(parsed.tags).toEqual(["a", masked]);
  });

  it("is masked in a form body and in a text body", () => {
    const form = maskBody(new URLSearchParams({ memo: credential, grant_type: "x" }).toString(), "application/x-www-form-urlencoded")!;
    expect(form).not.toContain(hidden);
    expect(form).not.toContain(encodeURIComponent(hidden));
    expect(form).toContain("grant_type=x");
    for (const type of ["text/plain", null, "application/xml"]) {
      const text = maskBody(`<note>the credential is ${credential}.</note>`, type)!;
      expect(text, String(type)).not.toContain(hidden);
    }
  });

  it("is masked when the body is not valid JSON", () => {
    expect(maskBody(`{"description": "${credential}", oops`, "application/json")).not.toContain(hidden);
  });
});
