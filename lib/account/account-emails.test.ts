import { describe, expect, it } from "vitest";
import {
  changeEmailMessage,
  emailChangedNotice,
  emailChangeRequestedNotice,
  passwordChangedNotice,
  passwordResetMessage,
  verifyEmailMessage,
} from "./account-emails";

const at = new Date("2026-12-05T13:00:00Z");
const link = "https://portal.example/verify-email/TOKEN";

describe("account emails", () => {
  it("carry the link and its expiry, to the right address", () => {
    const verify = verifyEmailMessage({ to: "ada@example.com", name: "Ada", link, expiresAt: at });
    expect(verify).toMatchObject({ to: "ada@example.com", subject: "Verify your email address for Open Bank Developers" });
    expect(verify.text).toContain(`\n${link}\n`);
    expect(verify.text).toContain("until 2026-12-05 13:00 UTC");
    const change = changeEmailMessage({ to: "new@example.com", name: "Ada", link, expiresAt: at });
    expect(change.to).toBe("new@example.com");
    expect(change.text).toContain(link);
    const reset = passwordResetMessage({ to: "ada@example.com", name: "Ada", link, expiresAt: at, hasPassword: true });
    expect(reset.subject).toBe("Reset your Open Bank Developers password");
    expect(reset.text).toContain(link);
    const first = passwordResetMessage({ to: "ada@example.com", name: "Ada", link, expiresAt: at, hasPassword: false });
    expect(first.subject).toBe("Set a password for Open Bank Developers");
  });

  it("notices carry no link: forwarding one gives nothing away", () => {
    const notices = [
      emailChangeRequestedNotice({ to: "old@example.com", name: "Ada", newEmail: "new@example.com", at }),
      emailChangedNotice({ to: "old@example.com", name: "Ada", newEmail: "new@example.com", at }),
      passwordChangedNotice({ to: "ada@example.com", name: "Ada", at, how: "changed" }),
      passwordChangedNotice({ to: "ada@example.com", name: "Ada", at, how: "reset" }),
    ];
    for (const notice of notices) {
      expect(notice.text).not.toMatch(/https?:\/\//);
      expect(notice.text).not.toContain("undefined");
    }
    expect(notices[0].text).toContain("new@example.com");
    expect(notices[1].text).toContain("new@example.com");
  });
});
