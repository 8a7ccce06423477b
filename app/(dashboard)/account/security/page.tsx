import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { PasswordSection } from "@/components/account/password-section";
import { SsoSection } from "@/components/account/sso-section";
import { TwoFactorPolicyBanner } from "@/components/account/two-factor-policy-banner";
import { getAccount } from "@/lib/account/account-dto";
import { requireUser } from "@/lib/auth/require-user";
import { ssoConfig, ssoDisplay } from "@/lib/sso/sso-config";
import { ssoSignInErrorMessage } from "@/lib/sso/sso-errors";
import { teamsRequiringSso } from "@/lib/team-policies/sso-policy";
import { teamsBlockedByTwoFactor } from "@/lib/team-policies/two-factor-policy";

export const metadata: Metadata = { title: "Security" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One card per way of proving who you are: password, authenticator app, passkeys, single sign-on. */
export default async function AccountSecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser({ callbackUrl: "/account/security" });
  const [account, blocked, ssoTeams] = await Promise.all([
    getAccount(user.id),
    teamsBlockedByTwoFactor(user.id),
    ssoConfig() ? teamsRequiringSso(user.id) : [],
  ]);
  // A single sign-on started from here (linking, confirming it's you) that came back refused.
  const ssoError = (await searchParams).sso_error;
  return (
    <AccountShell current="security">
      <TwoFactorPolicyBanner teams={blocked} />
      <PasswordSection hasPassword={account!.has_password} email={account!.email} />
      <SsoSection
        account={account!}
        provider={ssoDisplay()}
        requiredBy={ssoTeams}
        error={typeof ssoError === "string" ? ssoSignInErrorMessage(ssoError) : undefined}
      />
    </AccountShell>
  );
}
