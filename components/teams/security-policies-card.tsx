"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { IconLock, IconShield } from "@/components/ui/icons";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import type { PolicyOwnerState, TeamPoliciesDto } from "@/lib/team-policies/team-policy-dto";

const link = "font-medium text-primary underline-offset-4 hover:underline";

function PolicyRow({
  icon,
  title,
  state,
  children,
  action,
  testId,
}: {
  icon: ReactNode;
  title: string;
  state: ReactNode;
  children: ReactNode;
  action?: ReactNode;
  testId: string;
}) {
  return (
    <li data-testid={testId} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between">
      <div className="flex min-w-0 gap-3">
        <span className="mt-0.5 shrink-0 text-fg-muted" aria-hidden="true">
          {icon}
        </span>
        <div className="min-w-0">
          <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-fg">
            {title} {state}
          </h3>
          <div className="mt-1 flex flex-col gap-1 text-sm text-fg-muted">{children}</div>
        </div>
      </div>
      {action && <div className="shrink-0 pl-8 sm:pl-0">{action}</div>}
    </li>
  );
}

/**
 * The team page's "Security policies": members must use two-factor, and single sign-on for the
 * team's email domain. Everyone sees them; the owner changes them (confirmed, then a step-up).
 * What the owner lacks to turn one on (a second factor, a linked provider) is said, with where to fix it.
 */
export function SecurityPoliciesCard({
  teamId,
  teamName,
  policies,
  owner,
}: {
  teamId: string;
  teamName: string;
  policies: TeamPoliciesDto;
  /** The viewer's own state when they are the owner; null for everyone else (read only). */
  owner: PolicyOwnerState | null;
}) {
  const update = (body: { require_two_factor?: boolean; sso_domain?: string | null }) => () =>
    portalApi.PATCH("/api/teams/{teamId}/policies", { params: { path: { teamId } }, body });
  const without = policies.members_without_second_factor;
  const withoutText = `${without} ${without === 1 ? "member has" : "members have"} no second factor yet`;
  const provider = policies.sso.provider_name ?? "single sign-on";

  const twoFactorAction = !owner ? null : policies.require_two_factor ? (
    <ActionDialog
      label="Stop requiring"
      title="Stop requiring two-factor?"
      confirmLabel="Stop requiring"
      pendingLabel="Saving…"
      action={update({ require_two_factor: false })}
    >
      <p>Members without a second factor get their access to {teamName} back at once.</p>
    </ActionDialog>
  ) : owner.hasSecondFactor ? (
    <ActionDialog
      label="Require two-factor"
      variant="primary"
      title="Require two-factor for every member?"
      confirmLabel="Require two-factor"
      pendingLabel="Saving…"
      confirmVariant="primary"
      action={update({ require_two_factor: true })}
    >
      <p>
        Members without an authenticator app or a passkey can&apos;t use {teamName} until they set one up, and nobody joins without one.
      </p>
      {without > 0 && <p className="font-medium text-fg">{withoutText}: they are shut out until they do.</p>}
    </ActionDialog>
  ) : null;

  const ssoAction =
    !owner || !policies.sso.available ? null : policies.sso_domain ? (
      <ActionDialog
        label="Stop requiring"
        title="Stop requiring single sign-on?"
        confirmLabel="Stop requiring"
        pendingLabel="Saving…"
        action={update({ sso_domain: null })}
      >
        <p>
          Members with {policies.sso_domain} addresses can sign in with a password or a passkey again, as well as with {provider}.
        </p>
      </ActionDialog>
    ) : owner.ssoLinkedOnOwnDomain ? (
      <ActionDialog
        label={`Require for ${owner.ownDomain}`}
        variant="primary"
        title={`Require single sign-on for ${owner.ownDomain}?`}
        confirmLabel="Require single sign-on"
        pendingLabel="Saving…"
        confirmVariant="primary"
        action={update({ sso_domain: owner.ownDomain })}
      >
        <p>
          Members of {teamName} whose email ends in @{owner.ownDomain} must sign in with {provider}: their password and passkey sign-ins are
          refused, and their password and passkey sessions are signed out now (yours stays).
        </p>
        <p>
          Invitations to {owner.ownDomain} addresses ask the invitee to sign in with {provider}.
        </p>
      </ActionDialog>
    ) : null;

  return (
    <Card data-testid="security-policies">
      <CardHeader>
        <CardTitle>Security policies</CardTitle>
        <CardDescription>
          {owner ? "Rules every member of the team must meet. Changes ask you to confirm it's you." : "Set by the team's owner."}
        </CardDescription>
      </CardHeader>
      <CardBody>
        <ul className="flex flex-col divide-y divide-border">
          <PolicyRow
            testId="policy-two-factor"
            icon={<IconShield />}
            title="Members must use two-factor"
            state={policies.require_two_factor ? <Badge tone="success">Required</Badge> : <Badge>Off</Badge>}
            action={twoFactorAction}
          >
            <p>Members need an authenticator app or a passkey to use the team&apos;s apps, keys and members, and to join.</p>
            {without > 0 && <p>{withoutText}.</p>}
            {owner && !owner.hasSecondFactor && !policies.require_two_factor && (
              <p>
                To require it, first{" "}
                <Link href="/account/security" className={link}>
                  set up two-factor on your own account
                </Link>
                .
              </p>
            )}
          </PolicyRow>
          <PolicyRow
            testId="policy-sso"
            icon={<IconLock />}
            title="Single sign-on"
            state={policies.sso_domain ? <Badge tone="success">Required for {policies.sso_domain}</Badge> : <Badge>Off</Badge>}
            action={ssoAction}
          >
            <p>
              Members whose email is on the team&apos;s domain must sign in with {provider}; their password and passkey sign-ins are
              refused.
            </p>
            {!policies.sso.available && <p>Single sign-on is not configured on this portal.</p>}
            {owner && policies.sso.available && !policies.sso_domain && !owner.ssoLinkedOnOwnDomain && (
              <p>
                To require it for {owner.ownDomain}, first{" "}
                <Link href="/account/security" className={link}>
                  link {provider} to your account
                </Link>{" "}
                with your {owner.ownDomain} address.
              </p>
            )}
          </PolicyRow>
        </ul>
      </CardBody>
    </Card>
  );
}
