import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { ProfileNameForm } from "@/components/account/profile-name-form";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getAccount } from "@/lib/account/account-dto";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Account" };

export default async function AccountProfilePage() {
  const user = await requireUser({ callbackUrl: "/account" });
  const account = (await getAccount(user.id))!;
  return (
    <AccountShell current="profile">
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
          <CardDescription>How your team sees you in member lists and the audit log.</CardDescription>
        </CardHeader>
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-fg-muted">Name</dt>
            <dd className="font-medium text-fg">{account.name}</dd>
            <dt className="text-fg-muted">Email</dt>
            <dd className="font-medium text-fg">{account.email}</dd>
          </dl>
          <ProfileNameForm name={account.name} className="mt-6 border-t border-border pt-6" />
        </CardBody>
      </Card>
    </AccountShell>
  );
}
