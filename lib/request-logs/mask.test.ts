import { describe, expect, it } from "vitest";
import { maskBody, maskEmail, maskHeaders, maskIban, maskJson, maskPath, maskText, REDACTED } from "./mask";

const KEY = "sk_sandbox_4eC39HqLyjWDarjtT1zdp7dc9AbQ2x";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlLXZhbHVl";

describe("maskHeaders", () => {
  it("keeps the scheme of Authorization and drops the credential", () => {
    const masked = maskHeaders([
      ["Authorization", `Bearer ${KEY}`],
      ["cookie", "next-auth.session-token=abc.def"],
      ["x-internal-secret", "s3cr3t-value-of-the-gateway"],
      ["x-api-key", KEY],
      ["content-type", "application/json"],
      ["idempotency-key", "2b0e6c3a-4d4c-4a1b-9d3c-0f1f2d3e4a5b"],
    ]);
    expect(masked).toEqual({
      authorization: `Bearer ${REDACTED}`,
      cookie: REDACTED,
      "x-internal-secret": REDACTED,
      "x-api-key": REDACTED,
      "content-type": "application/json",
      "idempotency-key": "2b0e6c3a-4d4c-4a1b-9d3c-0f1f2d3e4a5b",
    });
  });

  it("redacts any header named like a secret or token", () => {
    const masked = maskHeaders([
      ["x-refresh-token", "abc"],
      ["X-Client-Secret", "def"],
      ["webhook-signature", "v1,xyz"],
    ]);
    expect(Object.values(masked)).toEqual([REDACTED, REDACTED, REDACTED]);
  });

  it("keeps only the network part of the caller's IP address", () => {
    const masked = maskHeaders([
      ["x-forwarded-for", "203.0.113.42, ::ffff:10.1.2.3"],
      ["x-real-ip", "2001:db8:85a3::8a2e:370:7334"],
    ]);
    expect(masked).toEqual({ "x-forwarded-for": "203.0.113.***, ::ffff:10.1.2.***", "x-real-ip": "2001:db8:85a3:***" });
  });

  it("masks the customer's address and identity in the standards' headers (FAPI, Berlin Group PSU-*)", () => {
    const masked = maskHeaders([
      ["x-fapi-customer-ip-address", "198.51.100.23"],
      ["psu-ip-address", "192.0.2.4"],
      ["psu-id", "PSU-1234"],
      ["psu-corporate-id", "CORP-99887"],
      ["psu-device-id", "99435c7e-ad88-49ec-a2ad-99ddcb1f5555"],
      ["psu-geo-location", "GEO:52.506931;13.144558"],
      ["x-jws-signature", "eyJhbGciOiJQUzI1NiJ9..c2ln"],
      ["x-fapi-interaction-id", "93bac548-d2de-4546-b106-880a5018460d"],
    ]);
    expect(masked).toEqual({
      "x-fapi-customer-ip-address": "198.51.100.***",
      "psu-ip-address": "192.0.2.***",
      "psu-id": "******34",
      "psu-corporate-id": "********87",
      "psu-device-id": "********5555",
      "psu-geo-location": REDACTED,
      "x-jws-signature": REDACTED,
      "x-fapi-interaction-id": "93bac548-d2de-4546-b106-880a5018460d",
    });
  });

  it("masks keys that leak into other header values", () => {
    expect(maskHeaders([["user-agent", `my-script key=${KEY}`]])["user-agent"]).not.toContain(KEY);
  });
});

describe("maskJson", () => {
  it("redacts secret fields at any depth, whatever their case or separator", () => {
    const masked = maskJson({
      password: "hunter2",
      nested: { clientSecret: "cs_1", access_token: "at_1", "refresh-token": "rt_1", api_key: KEY, apiKey: KEY },
      list: [{ Password: "p" }, { pin: "1234" }],
      credentials: { user: "u", pass: "p" },
    });
    expect(masked).toEqual({
      password: REDACTED,
      nested: { clientSecret: REDACTED, access_token: REDACTED, "refresh-token": REDACTED, api_key: REDACTED, apiKey: REDACTED },
      list: [{ Password: REDACTED }, { pin: REDACTED }],
      credentials: REDACTED,
    });
  });

  it("redacts a Berlin Group PSU's password and one-time passwords (EMBEDDED SCA), and keeps the method readable", () => {
    expect(
      maskJson({
        psuData: { password: "pass_good_credit", encryptedPassword: "x", additionalPassword: "y" },
        scaAuthenticationData: "123456",
        confirmationCode: "4711",
        authenticationMethodId: "sms-otp",
      }),
    ).toEqual({
      psuData: { password: REDACTED, encryptedPassword: REDACTED, additionalPassword: REDACTED },
      scaAuthenticationData: REDACTED,
      confirmationCode: REDACTED,
      authenticationMethodId: "sms-otp",
    });
  });

  it("partially masks IBANs, account numbers, national ids, emails and dates of birth", () => {
    const masked = maskJson({
      creditor: { name: "Jane Doe", iban: "GB33BUKB20201555555555", sort_code: "200000", account_number: "55779911" },
      customer: { email: "jane.doe@example.com", national_id: "QQ123456C", date_of_birth: "1990-04-12", phone: "+447700900123" },
    });
    expect(masked).toEqual({
      creditor: { name: "Jane Doe", iban: "GB33 **** 5555", sort_code: "200000", account_number: "****9911" },
      customer: { email: "j***@example.com", national_id: "*******6C", date_of_birth: "1990-**-**", phone: "********123" },
    });
  });

  it("keeps ids, amounts, enums and problem codes readable", () => {
    const value = {
      id: "pay_123",
      amount: { amount: "12.50", currency: "GBP" },
      status: "completed",
      code: "insufficient_funds",
      limit: 10,
    };
    expect(maskJson(value)).toEqual(value);
  });

  it("masks secrets and personal data inside free-text fields", () => {
    const masked = maskJson({ reference: `key ${KEY}`, note: `mail jane@example.com, IBAN GB33BUKB20201555555555, jwt ${JWT}` }) as Record<
      string,
      string
    >;
    expect(JSON.stringify(masked)).not.toContain(KEY);
    expect(masked.note).toContain("j***@example.com");
    expect(masked.note).toContain("GB33 **** 5555");
    expect(masked.note).not.toContain(JWT);
  });
});

describe("maskText", () => {
  it("keeps a key's kind but not its secret part", () => {
    expect(maskText(`Authorization: Bearer ${KEY}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(maskText(`the key ${KEY} leaked`)).toBe(`the key sk_sandbox_${REDACTED} leaked`);
  });
  it("masks emails and IBANs with spaces", () => {
    expect(maskEmail("a@b.io")).toBe("a***@b.io");
    expect(maskIban("GB33 BUKB 2020 1555 5555 55")).toBe("GB33 **** 5555");
    expect(maskText("to GB33 BUKB 2020 1555 5555 55 today")).toBe("to GB33 **** 5555 today");
  });
});

describe("maskPath", () => {
  it("masks query values by parameter name and leaves the path", () => {
    expect(maskPath("/v1/accounts/acc_1/transactions?limit=5&status=booked")).toBe("/v1/accounts/acc_1/transactions?limit=5&status=booked");
    expect(maskPath(`/v1/customers?email=jane%40example.com&token=${KEY}`)).toBe(
      `/v1/customers?email=j***%40example.com&token=%5BREDACTED%5D`,
    );
  });
});

describe("maskBody", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it("masks JSON bodies and pretty-prints them", () => {
    const body = maskBody(encode(JSON.stringify({ password: "hunter2", email: "jane@example.com" })), "application/json; charset=utf-8");
    expect(body).toBe(JSON.stringify({ password: REDACTED, email: "j***@example.com" }, null, 2));
  });

  it("masks problem+json and form bodies, including an OAuth code and verifier", () => {
    expect(maskBody(encode('{"detail":"bad key sk_sandbox_AAAAAAAAAAAAAAAAAAAA"}'), "application/problem+json")).not.toContain(
      "AAAAAAAAAAAA",
    );
    const form = maskBody(
      encode("grant_type=authorization_code&code=abc123&code_verifier=xyz&client_secret=s"),
      "application/x-www-form-urlencoded",
    );
    expect(form).toBe("grant_type=authorization_code&code=%5BREDACTED%5D&code_verifier=%5BREDACTED%5D&client_secret=%5BREDACTED%5D");
  });

  it("falls back to text masking for invalid JSON", () => {
    expect(maskBody(encode(`{"password": "x", ${KEY}`), "application/json")).not.toContain(KEY);
  });

  it("does not store binary bodies and caps long ones", () => {
    expect(maskBody(new Uint8Array([1, 2, 3]), "application/octet-stream")).toBe("[3 bytes of application/octet-stream not stored]");
    expect(maskBody(null, "application/json")).toBeNull();
    expect(maskBody(encode(""), "text/plain")).toBeNull();
    const long = maskBody("x".repeat(40_000), "text/plain")!;
    expect(long.length).toBeLessThan(33_000);
    expect(long).toMatch(/truncated: \d+ more characters/);
  });
});
