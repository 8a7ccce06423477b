import type { Role } from "@prisma/client";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact, formatRelative } from "@/components/dashboard/format-time";
import { Code } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { EndpointStatusBadge } from "@/components/webhooks/endpoint-status-badge";
import { getApp } from "@/lib/apps/get-app";
import { requireUser } from "@/lib/auth/require-user";
import { AppError } from "@openbank/contracts/errors";
import { redirectIfShutOut } from "@/lib/team-policies/shut-out-redirect";
import { can } from "@/lib/teams/permissions";
import { getEndpointOrThrow } from "@/lib/webhooks/get-endpoint-or-throw";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { listEventTypes } from "@/lib/webhooks/list-event-types";

type Props = { params: Promise<{ appId: string; endpointId: string }> };

/** The app and endpoint, or the 404 page (other teams' ids are not found either). */
const load = cache(async (appId: string, endpointId: string) => {
  const user = await requireUser({ callbackUrl: `/dashboard/apps/${appId}/webhooks/${endpointId}` });
  try {
    const app = await getApp({ appId, userId: user.id });
    return { app, endpoint: await getEndpointOrThrow({ appId: app.id, endpointId }) };
  } catch (error) {
    if (error instanceof AppError && error.code === "resource_not_found") notFound();
    redirectIfShutOut(error); // the team requires two-factor and the user has none
    throw error;
  }
});

/** The delivery log's first page and the event catalogue, with the clock the page's relative times use. */
async function loadLog(appId: string, endpointId: string, role: Role) {
  const [deliveries, eventTypes] = await Promise.all([
    can(role, "logs:read") ? listDeliveries({ appId, endpointId, limit: 50 }) : Promise.resolve({ data: [] }),
    listEventTypes().catch(() => []),
  ]);
  return { deliveries, eventTypes, renderedAt: Date.now() };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { appId, endpointId } = await params;
  const { endpoint } = await load(appId, endpointId);
  return { title: `Webhook ${endpoint.url}` };
}

export default async function EndpointPage({ params }: Props) {
  const { appId, endpointId } = await params;
  const { app, endpoint } = await load(appId, endpointId);
  const role = app.role as Role;
  const { deliveries, eventTypes, renderedAt } = await loadLog(app.id, endpoint.id, role);
  const canManage = can(role, "webhook:manage");

  return (
    <DashboardShell
      crumbs={[
        { label: "Dashboard", href: "/dashboard" },
        { label: app.name, href: `/dashboard/apps/${app.id}` },
        { label: "Webhook endpoint" },
      ]}
    >
      <header className="flex flex-col gap-5">
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="min-w-0 font-mono text-lg font-semibold break-all text-fg sm:text-xl" data-testid="endpoint-url">
              {endpoint.url}
            </h1>
            <EndpointStatusBadge status={endpoint.status} />
          </div>
          {endpoint.description && <p className="text-fg-muted">{endpoint.description}</p>}
        </div>
        {endpoint.status === "failing" && (
          <p role="status" className="rounded-card border border-danger-border bg-danger-soft px-4 py-3 text-sm text-danger">
            The last {endpoint.consecutive_failures} attempts failed
            {endpoint.failing_since ? ` (failing since ${formatExact(endpoint.failing_since)})` : ""}. Deliveries keep retrying on the
            schedule; fix the receiver, then resend any failed ones.
          </p>
        )}
        <dl className="grid gap-x-8 gap-y-4 rounded-card border border-border bg-surface px-5 py-4 text-sm shadow-card sm:grid-cols-2 lg:grid-cols-4">
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">Endpoint ID</dt>
            <dd className="mt-0.5 flex items-center gap-1">
              <span className="truncate font-mono text-fg">{endpoint.id}</span>
              <CopyButton value={endpoint.id} label="endpoint ID" className="-my-1" />
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">Events</dt>
            <dd className="mt-1.5 text-fg">
              {endpoint.event_types.length === 0
                ? "All event types"
                : endpoint.event_types.map((type) => (
                    <Code key={type} className="mr-1">
                      {type}
                    </Code>
                  ))}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-fg-muted">Last success</dt>
            <dd className="mt-1.5 text-fg">
              {endpoint.last_success_at ? (
                <time dateTime={endpoint.last_success_at} title={formatExact(endpoint.last_success_at)}>
                  {formatRelative(endpoint.last_success_at, renderedAt)}
                </time>
              ) : (
                <span className="text-fg-muted">Never</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-fg-muted">Signing secret</dt>
            <dd className="mt-1.5 text-fg">
              {endpoint.previous_secret_expires_at
                ? `Rotating: the old one signs until ${formatExact(endpoint.previous_secret_expires_at)}`
                : "whsec_… (shown once, when created or rotated)"}
            </dd>
          </div>
        </dl>
        {canManage && <EndpointActions appId={app.id} endpoint={endpoint} eventTypes={eventTypes} />}
      </header>

      {can(role, "logs:read") && (
        <DeliveryLog appId={app.id} endpointId={endpoint.id} initial={deliveries.data} renderedAt={renderedAt} canResend={canManage} />
      )}
    </DashboardShell>
  );
}
