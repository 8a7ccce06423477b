"use client";

import { formatDate, formatExact } from "@/components/dashboard/format-time";
import { SsoSignInButton } from "@/components/sso/sso-sign-in-button";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AccountDto } from "@/lib/account/account-dto";
import { portalApi } from "@/lib/portal-api/portal-api-client";

type Identity = AccountDto["sso"][number];

/**
 * "Single sign-on" on the security page: the provider links of the account, linking one (a fresh
 * sign-in at the provider, with the account's own email), and unlinking (confirmed, then a
 * step-up). The last way to sign in cannot be unlinked: the button says why instead.
 */
export function SsoSection({
  account,
  provider,
  requiredBy,
  error,
}: {
  account: AccountDto;
  /** The configured provider, or null when single sign-on is off. */
  provider: { name: string; issuer: string } | null;
  /** Teams that require single sign-on of this account (its email is on their domain). */
  requiredBy: Array<{ name: string; domain: string }>;
  /** Why the last single sign-on came back refused, when it did. */
  error?: string;
}) {
  if (!provider && account.sso.length === 0) return null;
  const active = (identity: Identity) => provider !== null && identity.issuer === provider.issuer;
  const activeLinks = account.sso.filter(active).length;
  const otherWays = (account.has_password ? 1 : 0) + account.two_factor.passkeys;

  /** Why this link cannot go, or null when it can. */
  function keepReason(identity: Identity): string | null {
    if (!active(identity) || activeLinks > 1) return null;
    if (requiredBy.length > 0) return `${requiredBy[0].name} requires single sign-on for ${requiredBy[0].domain} addresses.`;
    if (otherWays === 0) return "it is the only way you sign in. Set a password or add a passkey first.";
    return null;
  }

  return (
    <Card data-testid="sso-section">
      <CardHeader>
        <CardTitle>Single sign-on</CardTitle>
        <CardDescription>
          {provider
            ? `Sign in with your company account at ${provider.name}. Accounts are linked by verified email address.`
            : "Single sign-on is no longer configured on this portal; these links sign nobody in."}
        </CardDescription>
      </CardHeader>
      <CardBody className="flex flex-col gap-4">
        {error && (
          <Alert tone="error" title="Single sign-on did not link">
            {error}
          </Alert>
        )}
        {requiredBy.length > 0 && (
          <Alert tone="info" role="note">
            {requiredBy.map((team) => team.name).join(", ")} {requiredBy.length === 1 ? "requires" : "require"} single sign-on for{" "}
            {requiredBy[0].domain} addresses: password and passkey sign-in are turned off for you.
          </Alert>
        )}
        {account.sso.length === 0 ? (
          <p className="text-sm text-fg-muted">Not linked. Linking lets you sign in with {provider?.name} instead of a password.</p>
        ) : (
          <ul
            className="flex flex-col divide-y divide-border rounded-control border border-border"
            aria-label="Linked single sign-on accounts"
          >
            {account.sso.map((identity) => {
              const reason = keepReason(identity);
              const name = active(identity) ? provider!.name : identity.issuer;
              return (
                <li
                  key={identity.id}
                  data-identity-id={identity.id}
                  className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-fg">
                      {name}
                      {!active(identity) && <Badge tone="warning">not configured</Badge>}
                    </p>
                    <p className="text-sm text-fg-muted">
                      <span className="break-all">{identity.email}</span> ·{" "}
                      <time className="whitespace-nowrap" dateTime={identity.created_at} title={formatExact(identity.created_at)}>
                        linked {formatDate(identity.created_at)}
                      </time>
                    </p>
                    {reason && <p className="mt-1 text-xs text-fg-muted">Can&apos;t unlink: {reason}</p>}
                  </div>
                  {!reason && (
                    <ActionDialog
                      label="Unlink"
                      ariaLabel={`Unlink ${name} (${identity.email})`}
                      title={`Unlink ${name}?`}
                      confirmLabel="Unlink"
                      pendingLabel="Unlinking…"
                      action={() => portalApi.DELETE("/api/account/sso/{identityId}", { params: { path: { identityId: identity.id } } })}
                    >
                      <p>
                        You will no longer be able to sign in with {name} as {identity.email}. Signing in with it again links it again, as
                        long as the email address is the same.
                      </p>
                    </ActionDialog>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {provider && activeLinks === 0 && (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-fg-muted">
              Sign in at {provider.name} as <span className="font-medium text-fg">{account.email}</span>: a different address will not link.
            </p>
            <SsoSignInButton
              providerName={provider.name}
              label={`Link ${provider.name}`}
              callbackUrl="/account/security"
              reauthenticate
              size="md"
            />
          </div>
        )}
      </CardBody>
    </Card>
  );
}
