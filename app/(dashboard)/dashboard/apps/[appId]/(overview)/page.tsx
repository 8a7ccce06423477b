import type { Role } from "@prisma/client";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import Link from "next/link";
import { AppNav } from "@/components/dashboard/app-nav";
import { GoLiveBadge } from "@/components/go-live/go-live-status";
import { Alert } from "@/components/ui/alert";
import { getAppStanding } from "@/lib/apps/get-app-standing";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { FirstKeyReveal } from "@/components/dashboard/first-key-reveal";
import { formatDate, formatExact } from "@/components/dashboard/format-time";
import { ConsentsSection } from "@/components/dashboard/consents-section";
import { DeleteAppCard } from "@/components/dashboard/delete-app-card";
import { KeysSection } from "@/components/dashboard/keys-section";
import { OnboardingCard } from "@/components/onboarding/onboarding-card";
import { OAuthClientSection } from "@/components/dashboard/oauth-client-section";
import { RequestsSection } from "@/components/dashboard/requests-section";
import { AppStatusBadge } from "@/components/dashboard/status-badges";
import { ButtonLink } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { IconBook } from "@/components/ui/icons";
import { getApp } from "@/lib/apps/get-app";
import { requireUser } from "@/lib/auth/require-user";
import { AppError } from "@openbank/contracts/errors";
import { portalUrl } from "@/lib/http/portal-url";
import { listAppConsents } from "@/lib/consents/list-app-consents";
import { listRegisteredClients } from "@/lib/directory/list-registered-clients";
import { listKeys } from "@/lib/keys/list-keys";
import { getOAuthClient } from "@/lib/oauth-clients/get-oauth-client";
import { getAppCertificate } from "@/lib/tpp-certificates/get-app-certificate";
import { listRequestLogs } from "@/lib/request-logs/list-request-logs";
import { redirectIfShutOut } from "@/lib/team-policies/shut-out-redirect";
import { can } from "@/lib/teams/permissions";
import { WebhooksSection } from "@/components/webhooks/webhooks-section";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";
import { listEventTypes } from "@/lib/webhooks/list-event-types";

type Props = { params: Promise<{ appId: string }> };

/** The app, or the 404 page: other teams' apps are "not found" too, so ids cannot be probed. */
const loadApp = cache(async (appId: string) => {
  const user = await requireUser({ callbackUrl: `/dashboard/apps/${appId}` });
  try {
    return await getApp({ appId, userId: user.id });
  } catch (error) {
    if (error instanceof AppError && error.code === "resource_not_found") notFound();
    redirectIfShutOut(error); // the team requires two-factor and the user has none
    throw error;
  }
});

/** Keys and recent calls, with the one clock the page's relative times are measured from. */
async function loadActivity(appId: string, role: Role) {
  const [keys, requests, endpoints, eventTypes, oauthClient, consents, registeredClients, tppCertificate] = await Promise.all([
    listKeys({ appId }),
    can(role, "logs:read") ? listRequestLogs({ appId, limit: 50 }).then((page) => page.data) : Promise.resolve([]),
    listEndpoints({ appId }),
    // The bank's catalogue for the "Add endpoint" filter; without it every type is sent.
    can(role, "webhook:manage") ? listEventTypes().catch(() => []) : Promise.resolve([]),
    getOAuthClient({ appId }),
    // The bank holds consents; if it is down, the rest of the page still renders.
    listAppConsents({ appId }).catch((error: Error) => ({ error: `Consents could not be loaded from the sandbox bank: ${error.message}` })),
    listRegisteredClients({ appId }).catch((error: Error) => ({
      error: `Registered clients could not be loaded from the sandbox bank: ${error.message}`,
    })),
    getAppCertificate(appId).then((found) => found.certificate),
  ]);
  return { keys, requests, endpoints, eventTypes, oauthClient, consents, registeredClients, tppCertificate, renderedAt: Date.now() };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const app = await loadApp((await params).appId);
  return { title: app.name };
}

export default async function AppPage({ params }: Props) {
  const app = await loadApp((await params).appId);
  const role = app.role as Role;
  const [{ keys, requests, endpoints, eventTypes, oauthClient, consents, registeredClients, tppCertificate, renderedAt }, standing] =
    await Promise.all([loadActivity(app.id, role), getAppStanding({ appId: app.id })]);
  const baseUrl = portalUrl();

  return (
    <DashboardShell crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: app.name }]}>
      <header className="flex flex-col gap-5">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-fg sm:text-3xl">{app.name}</h1>
              <AppStatusBadge status={app.status} />
              <Link href={`/dashboard/apps/${app.id}/go-live`} className="rounded-full">
                <GoLiveBadge status={standing.go_live} />
              </Link>
            </div>
            {app.description && <p className="mt-2 max-w-2xl text-fg-muted">{app.description}</p>}
          </div>
          <ButtonLink href={`/docs/api?${new URLSearchParams({ app: app.id })}`} variant="secondary" icon={<IconBook />}>
            API docs
          </ButtonLink>
        </div>

        <dl className="grid gap-x-8 gap-y-4 rounded-card border border-border bg-surface px-5 py-4 text-sm shadow-card sm:grid-cols-2 lg:grid-cols-[auto_auto_auto_1fr]">
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">App ID</dt>
            <dd className="mt-0.5 flex items-center gap-1">
              <span className="truncate font-mono text-fg" data-testid="app-id">
                {app.id}
              </span>
              <CopyButton value={app.id} label="app ID" className="-my-1" />
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">Team</dt>
            <dd className="mt-1.5 truncate text-fg">
              {app.team_name} <span className="text-fg-muted">· you are {role}</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-fg-muted">Created</dt>
            <dd className="mt-1.5 text-fg">
              <time dateTime={app.created_at} title={formatExact(app.created_at)}>
                {formatDate(app.created_at)}
              </time>
            </dd>
          </div>
          <div className="min-w-0 sm:col-span-2 lg:col-span-1">
            <dt className="text-xs font-medium text-fg-muted">Redirect URIs</dt>
            <dd className="mt-1.5 text-fg">
              {app.redirect_uris.length === 0 ? (
                <span className="text-fg-muted">None registered (needed only for OAuth consent)</span>
              ) : (
                <ul className="flex flex-col gap-1">
                  {app.redirect_uris.map((uri) => (
                    <li key={uri} className="truncate font-mono text-xs leading-5" title={uri}>
                      {uri}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </header>

      <AppNav appId={app.id} current="overview" />

      {app.status === "suspended" && (
        <Alert tone="error" role="note" title="This app is suspended" data-testid="suspended-alert">
          Every call with its keys is refused with <code className="font-mono">403 app_suspended</code> until a platform admin reinstates
          it.{standing.suspended_reason && <> Reason: {standing.suspended_reason}</>}
        </Alert>
      )}

      <FirstKeyReveal appId={app.id} portalUrl={baseUrl} />

      <OnboardingCard appId={app.id} />

      <KeysSection
        appId={app.id}
        keys={keys}
        portalUrl={baseUrl}
        now={renderedAt}
        canCreate={can(role, "key:create")}
        canRoll={can(role, "key:roll")}
        canRevoke={can(role, "key:revoke")}
      />

      <OAuthClientSection
        appId={app.id}
        client={oauthClient}
        registeredClients={registeredClients}
        portalUrl={baseUrl}
        canEdit={can(role, "app:update")}
        canRotate={can(role, "key:create")}
        tppCertificate={tppCertificate}
        renderedAt={renderedAt}
        canRevokeCertificate={can(role, "key:revoke")}
      />

      <ConsentsSection appId={app.id} consents={consents} canRevoke={can(role, "app:update")} />

      <WebhooksSection appId={app.id} endpoints={endpoints} eventTypes={eventTypes} canManage={can(role, "webhook:manage")} />

      {can(role, "logs:read") && <RequestsSection appId={app.id} initial={requests} renderedAt={renderedAt} portalUrl={baseUrl} />}

      {can(role, "app:delete") && (
        <DeleteAppCard
          appId={app.id}
          appName={app.name}
          keys={keys.filter((key) => key.status === "active" || key.status === "expiring").length}
          webhooks={endpoints.length}
        />
      )}
    </DashboardShell>
  );
}
