import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { PasskeysSection } from "@/components/account/passkeys-section";
import { PasswordSection } from "@/components/account/password-section";
import { SsoSection } from "@/components/account/sso-section";
import { TwoFactorPolicyBanner } from "@/components/account/two-factor-policy-banner";
import { RecoveryCodesSection, TwoFactorSection } from "@/components/account/two-factor-section";
import { getAccount } from "@/lib/account/account-dto";
import { requireUser } from "@/lib/auth/require-user";
import { listPasskeys } from "@/lib/passkeys/manage-passkeys";
import { ssoConfig, ssoDisplay } from "@/lib/sso/sso-config";
import { ssoSignInErrorMessage } from "@/lib/sso/sso-errors";
import { teamsRequiringSso } from "@/lib/team-policies/sso-policy";
import { teamsBlockedByTwoFactor } from "@/lib/team-policies/two-factor-policy";

export const metadata: Metadata = { title: "Security" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function load(userId: string) {
  const [account, passkeys, blocked, ssoTeams] = await Promise.all([
    getAccount(userId),
    listPasskeys(userId),
    teamsBlockedByTwoFactor(userId),
    ssoConfig() ? teamsRequiringSso(userId) : [],
  ]);
  return { account: account!, passkeys, blocked, ssoTeams, renderedAt: Date.now() };
}

/** One card per way of proving who you are: password, authenticator app, passkeys, recovery codes, single sign-on. */
export default async function AccountSecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser({ callbackUrl: "/account/security" });
  const { account, passkeys, blocked, ssoTeams, renderedAt } = await load(user.id);
  // A single sign-on started from here (linking, confirming it's you) that came back refused.
  const ssoError = (await searchParams).sso_error;
  return (
    <AccountShell current="security">
      <TwoFactorPolicyBanner teams={blocked} />
      <PasswordSection hasPassword={account.has_password} email={account.email} />
      <TwoFactorSection email={account.email} totpEnabled={account.two_factor.totp} passkeys={account.two_factor.passkeys} />
      <PasskeysSection passkeys={passkeys} now={renderedAt} />
      {(account.two_factor.totp || account.two_factor.passkeys > 0) && (
        <RecoveryCodesSection email={account.email} left={account.two_factor.recovery_codes_left} />
      )}
      <SsoSection
        account={account}
        provider={ssoDisplay()}
        requiredBy={ssoTeams}
        error={typeof ssoError === "string" ? ssoSignInErrorMessage(ssoError) : undefined}
      />
    </AccountShell>
  );
}
