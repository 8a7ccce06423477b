import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { PasswordSection } from "@/components/account/password-section";
import { PasskeysSection } from "@/components/account/passkeys-section";
import { RecoveryCodesSection, TwoFactorSection } from "@/components/account/two-factor-section";
import { getAccount } from "@/lib/account/account-dto";
import { requireUser } from "@/lib/auth/require-user";
import { listPasskeys } from "@/lib/passkeys/manage-passkeys";

export const metadata: Metadata = { title: "Security" };

async function load(userId: string) {
  const [account, passkeys] = await Promise.all([getAccount(userId), listPasskeys(userId)]);
  return { account: account!, passkeys, renderedAt: Date.now() };
}

/** One card per way of proving who you are: password, authenticator app, passkeys, single sign-on. */
export default async function AccountSecurityPage() {
  const user = await requireUser({ callbackUrl: "/account/security" });
  const { account, passkeys, renderedAt } = await load(user.id);
  return (
    <AccountShell current="security">
      <PasswordSection hasPassword={account.has_password} email={account.email} />
      <TwoFactorSection email={account.email} totpEnabled={account.two_factor.totp} passkeys={account.two_factor.passkeys} />
      <PasskeysSection passkeys={passkeys} now={renderedAt} />
      {(account.two_factor.totp || account.two_factor.passkeys > 0) && (
        <RecoveryCodesSection email={account.email} left={account.two_factor.recovery_codes_left} />
      )}
    </AccountShell>
  );
}
