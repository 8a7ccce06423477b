import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createSmtpTransport } from "../../lib/mail/smtp-transport";
import { parseSmtpUrl } from "../../lib/mail/smtp-url";
import { mailTransport, sendMail } from "../../lib/mail/send-mail";
import { startMailSink, type MailSink } from "../support/mail-sink.mjs";
import { startTestPortal } from "../support/test-portal";

/**
 * The SMTP transport against a real SMTP server (smtp-server, started here on an ephemeral port
 * with a login): what arrives is what was sent, SMTP_URL selects it, and a refusal or an outage
 * is a `false` from sendMail with a log line that names neither the address nor the body.
 */

const FROM = "Open Bank Developer Portal <no-reply@openbank.test>";
let sink: MailSink;

beforeAll(async () => {
  sink = await startMailSink({
    auth: { user: "portal@openbank.test", pass: "s3cret:with@symbols" },
    refuse: (address) => address.startsWith("bounce"),
  });
  // The suite's database, so the portal's client matches the provider this run generated.
  startTestPortal({ SMTP_URL: sink.url, MAIL_FROM: FROM, DATABASE_URL: inject("portalDatabaseUrl") });
});

afterAll(() => sink.stop());

describe("SMTP transport", () => {
  it("logs in with the URL's percent-encoded credentials and delivers from, to, subject and text intact", async () => {
    expect(sink.url).toContain("portal%40openbank.test:s3cret%3Awith%40symbols@127.0.0.1:");
    const transport = createSmtpTransport(parseSmtpUrl(sink.url), { from: FROM });
    const text = "Hi Ada,\n\nOpen https://portal.example/verify-email/abc_DEF-123 to verify.\n\nÜmlauts — and a long line ".padEnd(
      300,
      "x",
    );
    await transport.send({ to: "Ada@Example.com", subject: "Verify your email address ✓", text });
    const mail = await sink.waitFor((candidate) => candidate.subject === "Verify your email address ✓");
    expect(mail.authenticated_as).toBe("portal@openbank.test");
    expect(mail.envelope).toEqual({ from: "no-reply@openbank.test", to: ["ada@example.com"] });
    expect(mail.from).toBe('"Open Bank Developer Portal" <no-reply@openbank.test>');
    expect(mail.to).toEqual(["ada@example.com"]);
    expect(mail.text.trimEnd()).toBe(text);
    expect(mail.headers["content-type"]).toMatch(/^text\/plain; charset=utf-8/);
  });

  it("is what SMTP_URL selects, and sendMail reports true once the server took the message", async () => {
    expect(mailTransport()?.name).toBe("smtp");
    await expect(sendMail({ to: "grace@example.com", subject: "Through sendMail", text: "Hello" })).resolves.toBe(true);
    expect(sink.messages.some((mail) => mail.subject === "Through sendMail" && mail.to[0] === "grace@example.com")).toBe(true);
  });

  it("answers false for a refused recipient, logging the subject and the SMTP code, never the body or the address", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const sent = await sendMail({
        to: "bounce@example.com",
        subject: "Reset your password",
        text: "https://portal.example/reset-password/SECRET-TOKEN",
      });
      expect(sent).toBe(false);
      const logged = errors.mock.calls.flat().join(" ");
      expect(logged).toContain('"Reset your password" was not sent');
      expect(logged).toContain("550");
      expect(logged).not.toContain("SECRET-TOKEN");
      expect(logged).not.toContain("bounce@example.com");
    } finally {
      errors.mockRestore();
    }
  });

  it("fails fast on wrong credentials and on a server that is not there", async () => {
    const wrongLogin = createSmtpTransport(parseSmtpUrl(sink.url.replace("s3cret", "wrong")), { from: FROM });
    await expect(wrongLogin.send({ to: "ada@example.com", subject: "x", text: "y" })).rejects.toMatchObject({
      code: "EAUTH",
      responseCode: 535,
    });
    const closed = createSmtpTransport(parseSmtpUrl("smtp://127.0.0.1:1"), { from: FROM, timeoutMs: 2_000 });
    const started = Date.now();
    await expect(closed.send({ to: "ada@example.com", subject: "x", text: "y" })).rejects.toMatchObject({ code: "ESOCKET" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
