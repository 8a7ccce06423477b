import { describe, expect, it } from "vitest";
import { parsePortalEnv, SettingsError } from "../env";
import { defaultMailFrom, isMailbox, parseSmtpUrl } from "./smtp-url";

const SECRETS = {
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef",
  API_KEY_PEPPER: "test-api-key-pepper-0123456789abcdef",
  BANK_INTERNAL_SECRET: "test-internal-secret-0123456789abcdef",
};

describe("parseSmtpUrl", () => {
  it("reads smtp:// with STARTTLS on 587 by default, and smtps:// on 465", () => {
    expect(parseSmtpUrl("smtp://mail.example.com")).toEqual({ host: "mail.example.com", port: 587, secure: false, requireTLS: false });
    expect(parseSmtpUrl("smtps://mail.example.com")).toEqual({ host: "mail.example.com", port: 465, secure: true, requireTLS: false });
    expect(parseSmtpUrl("smtp://127.0.0.1:2525/")).toMatchObject({ host: "127.0.0.1", port: 2525 });
    expect(parseSmtpUrl("smtp://[::1]:2525")).toMatchObject({ host: "::1", port: 2525 });
  });

  it("decodes credentials, and insists on TLS before sending them to another machine over smtp://", () => {
    expect(parseSmtpUrl("smtp://apikey:p%40ss%3Aword@smtp.example.com:587")).toEqual({
      host: "smtp.example.com",
      port: 587,
      secure: false,
      requireTLS: true,
      auth: { user: "apikey", pass: "p@ss:word" },
    });
    // smtps:// is TLS from the start; a local relay may be plain.
    expect(parseSmtpUrl("smtps://u:p@smtp.example.com").requireTLS).toBe(false);
    expect(parseSmtpUrl("smtp://u:p@localhost:25").requireTLS).toBe(false);
    expect(parseSmtpUrl("smtp://u:p@127.0.0.2:25").requireTLS).toBe(false);
  });

  it.each([
    ["http://mail.example.com", "must start with smtp:// or smtps://"],
    ["mail.example.com:25", "must start with smtp:// or smtps://"],
    ["not a url", "must be a URL"],
    ["smtp://mail.example.com/inbox", "takes no path"],
    ["smtp://mail.example.com?tls=off", "takes no query parameters"],
    ["smtp://:secret@mail.example.com", "password without a user name"],
    ["smtp://u:%E0%A4%A@mail.example.com", "not valid percent-encoding"],
  ])("refuses %s", (url, message) => {
    expect(() => parseSmtpUrl(url)).toThrow(message);
  });

  it("never repeats the URL (it may hold a password) in its messages", () => {
    expect(() => parseSmtpUrl("smtp://u:hunter2-secret@mail.example.com/x")).toThrow(/^((?!hunter2).)*$/);
  });
});

describe("MAIL_FROM", () => {
  it("accepts an address or a named address", () => {
    expect(isMailbox("no-reply@bank.example")).toBe(true);
    expect(isMailbox("Open Bank Developers <no-reply@bank.example>")).toBe(true);
    expect(isMailbox("Open Bank Developers")).toBe(false);
    expect(isMailbox("a@b <c@d>")).toBe(false);
    expect(isMailbox("Evil\r\nBcc: x@y <a@b>")).toBe(false);
  });

  it("defaults to no-reply at the portal's host", () => {
    expect(defaultMailFrom("https://developers.bank.example/portal")).toBe("Open Bank Developer Portal <no-reply@developers.bank.example>");
  });
});

describe("parsePortalEnv: mail settings", () => {
  it("leaves SMTP unset by default (the dev outbox) and derives MAIL_FROM from PORTAL_URL", () => {
    const env = parsePortalEnv({ ...SECRETS, PORTAL_URL: "https://developers.bank.example" });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("Open Bank Developer Portal <no-reply@developers.bank.example>");
  });

  it("parses SMTP_URL into the transport's settings; an empty value means unset", () => {
    const env = parsePortalEnv({ ...SECRETS, SMTP_URL: "smtps://apikey:s3cret@smtp.example.com", MAIL_FROM: "Bank <dev@bank.example>" });
    expect(env.SMTP_URL).toEqual({
      host: "smtp.example.com",
      port: 465,
      secure: true,
      requireTLS: false,
      auth: { user: "apikey", pass: "s3cret" },
    });
    expect(env.MAIL_FROM).toBe("Bank <dev@bank.example>");
    expect(parsePortalEnv({ ...SECRETS, SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });

  it("stops start-up with a message naming the variable, without the password", () => {
    let error: unknown;
    try {
      parsePortalEnv({ ...SECRETS, SMTP_URL: "https://u:hunter2@mail.example.com", MAIL_FROM: "nobody" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).toContain("SMTP_URL: SMTP_URL must start with smtp:// or smtps://");
    expect(message).toContain("MAIL_FROM: MAIL_FROM must be an address");
    expect(message).not.toContain("hunter2");
  });
});
