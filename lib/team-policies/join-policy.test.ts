import { describe, expect, it } from "vitest";
import { inviteEmail } from "@/lib/teams/invite-email";
import { joinPoliciesFor, pendingJoinStep, type JoinPolicies } from "./join-policy";
import { emailDomain } from "./sso-policy";
import { ssoDomainSchema } from "./team-policy-dto";

const config = { issuer: "https://login.acme.test", clientId: "portal", clientSecret: "s", name: "Acme SSO" };
const team = { name: "Acme Payments", requireTwoFactor: true, ssoDomain: "acme.test" };

describe("joinPoliciesFor", () => {
  it("asks single sign-on only of addresses on the team's domain, and only while SSO is configured", () => {
    expect(joinPoliciesFor(team, "ada@acme.test", config).sso).toEqual({ domain: "acme.test", providerName: "Acme SSO" });
    expect(joinPoliciesFor(team, "ada@sub.acme.test", config).sso).toBeNull();
    expect(joinPoliciesFor(team, "ada@example.com", config).sso).toBeNull();
    expect(joinPoliciesFor(team, "ada@acme.test", null).sso).toBeNull();
    expect(joinPoliciesFor({ ...team, ssoDomain: null }, "ada@acme.test", config).sso).toBeNull();
  });
});

describe("pendingJoinStep", () => {
  const both: JoinPolicies = joinPoliciesFor(team, "ada@acme.test", config);
  const twoFactorOnly: JoinPolicies = { ...both, sso: null };

  it("asks for single sign-on first, then a second factor", () => {
    expect(pendingJoinStep(both, null)).toBe("sso");
    expect(pendingJoinStep(both, { signedInWith: "password", hasSecondFactor: true })).toBe("sso");
    expect(pendingJoinStep(both, { signedInWith: "sso", hasSecondFactor: false })).toBe("two_factor");
    expect(pendingJoinStep(both, { signedInWith: "sso", hasSecondFactor: true })).toBeNull();
  });

  it("lets anyone with a second factor join a two-factor team, however they signed in", () => {
    expect(pendingJoinStep(twoFactorOnly, null)).toBe("two_factor");
    expect(pendingJoinStep(twoFactorOnly, { signedInWith: "password+totp", hasSecondFactor: true })).toBeNull();
    expect(pendingJoinStep({ ...twoFactorOnly, twoFactor: false }, null)).toBeNull();
  });
});

describe("the invitation email", () => {
  const mail = (policies?: JoinPolicies) =>
    inviteEmail({
      to: "ada@acme.test",
      teamName: "Acme Payments",
      inviterName: "Grace",
      role: "developer",
      link: "https://portal.example/invites/t",
      expiresAt: new Date("2026-12-12T00:00:00Z"),
      policies,
    }).text;

  it("says what the team's policies ask before the invitee clicks", () => {
    const text = mail(joinPoliciesFor(team, "ada@acme.test", config));
    expect(text).toContain("Acme Payments requires single sign-on for acme.test addresses: on the invitation page, sign in with Acme SSO.");
    expect(text).toContain("Acme Payments requires two-factor authentication");
  });

  it("says nothing more without policies", () => {
    expect(mail(joinPoliciesFor({ ...team, requireTwoFactor: false, ssoDomain: null }, "ada@acme.test", config))).not.toMatch(/requires/);
    expect(mail()).not.toMatch(/requires/);
  });
});

describe("domains", () => {
  it("compares an email's domain in lower case", () => {
    expect(emailDomain("Ada@Acme.TEST")).toBe("acme.test");
    expect(emailDomain("odd@name@acme.test")).toBe("acme.test");
  });

  it("accepts a bare domain only", () => {
    expect(ssoDomainSchema.parse(" Acme.Test ")).toBe("acme.test");
    for (const bad of ["@acme.test", "https://acme.test", "acme", "acme..test", "-acme.test", "acme.test/", "a b.test"]) {
      expect(ssoDomainSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
