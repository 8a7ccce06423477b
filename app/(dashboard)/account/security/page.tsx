import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { PasswordSection } from "@/components/account/password-section";
import { getAccount } from "@/lib/account/account-dto";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Security" };

/** One card per way of proving who you are: password, authenticator app, passkeys, single sign-on. */
export default async function AccountSecurityPage() {
  const user = await requireUser({ callbackUrl: "/account/security" });
  const account = (await getAccount(user.id))!;
  return (
    <AccountShell current="security">
      <PasswordSection hasPassword={account.has_password} email={account.email} />
    </AccountShell>
  );
}
