import type { Metadata } from "next";
import { AccessTokensSection } from "@/components/account/access-tokens-section";
import { AccountShell } from "@/components/account/account-shell";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { ResendVerificationButton } from "@/components/account/resend-verification-button";
import { formatDate, formatExact } from "@/components/dashboard/format-time";
import { Badge } from "@/components/ui/badge";
import { ProfileNameForm } from "@/components/account/profile-name-form";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getAccount } from "@/lib/account/account-dto";
import { pendingEmailChange } from "@/lib/account/request-email-change";
import { requireUser } from "@/lib/auth/require-user";
import { portalUrl } from "@/lib/http/portal-url";
import { listTeams } from "@/lib/teams/list-teams";
import { listTokens } from "@/lib/tokens/manage-tokens";

export const metadata: Metadata = { title: "Account" };

/** The tokens, and when they were read (their expiries are shown relative to it). */
async function loadTokens(userId: string) {
  const tokens = await listTokens(userId);
  return { tokens, renderedAt: Date.now() };
}

export default async function AccountProfilePage() {
  const user = await requireUser({ callbackUrl: "/account" });
  const [account, pending, tokens, teams] = await Promise.all([
    getAccount(user.id),
    pendingEmailChange(user.id),
    loadTokens(user.id),
    listTeams({ userId: user.id }),
  ]);
  return (
    <AccountShell current="profile">
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
          <CardDescription>How your team sees you in member lists and the audit log.</CardDescription>
        </CardHeader>
        <CardBody>
          <ProfileNameForm name={account!.name} />
          <dl className="mt-6 grid gap-4 border-t border-border pt-6 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-fg-muted">Member since</dt>
            <dd className="text-fg">
              <time dateTime={account!.created_at} title={formatExact(account!.created_at)}>
                {formatDate(account!.created_at)}
              </time>
            </dd>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Email address</CardTitle>
          <CardDescription>You sign in with it, and account emails (links, security notices) go there.</CardDescription>
        </CardHeader>
        <CardBody className="flex flex-col gap-6">
          <div className="flex flex-col gap-3">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium break-all text-fg" data-testid="account-email">
                {account!.email}
              </span>
              {account!.email_verified ? (
                <Badge tone="success" dot>
                  Verified
                </Badge>
              ) : (
                <Badge tone="warning" dot>
                  Not verified
                </Badge>
              )}
            </p>
            {!account!.email_verified && (
              <div className="flex flex-col gap-2">
                <p className="text-sm text-fg-muted">
                  Open the link we emailed you to verify it: inviting members and requesting production access need a verified address.
                </p>
                <ResendVerificationButton />
              </div>
            )}
            {pending && (
              <p className="text-sm text-fg-muted" data-testid="pending-email">
                Waiting for <strong className="font-medium break-all text-fg">{pending.email}</strong> to be confirmed: open the link we
                sent there before{" "}
                <time dateTime={pending.expiresAt.toISOString()} title={formatExact(pending.expiresAt.toISOString())}>
                  {formatExact(pending.expiresAt.toISOString())}
                </time>
                .
              </p>
            )}
          </div>
          <div className="border-t border-border pt-5">
            <ChangeEmailForm currentEmail={account!.email} />
          </div>
        </CardBody>
      </Card>

      <AccessTokensSection
        tokens={tokens.tokens}
        teams={teams.map((team) => ({ id: team.id, name: team.name }))}
        portalUrl={portalUrl()}
        now={tokens.renderedAt}
      />
    </AccountShell>
  );
}
