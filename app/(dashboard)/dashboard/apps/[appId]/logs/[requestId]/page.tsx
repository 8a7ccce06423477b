import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact } from "@/components/dashboard/format-time";
import { HttpStatusBadge, MethodBadge } from "@/components/dashboard/status-badges";
import { ExchangePanel } from "@/components/request-logs/exchange-panel";
import { ButtonLink } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import { IconBook } from "@/components/ui/icons";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { AppError } from "@openbank/contracts/errors";
import { portalUrl } from "@/lib/http/portal-url";
import { getRequestLog } from "@/lib/request-logs/get-request-log";
import { curlForLog, docsReplayFor, KEY_PLACEHOLDER } from "@/lib/request-logs/replay";

type Props = { params: Promise<{ appId: string; requestId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Request ${(await params).requestId}` };
}

export default async function RequestLogPage({ params }: Props) {
  const { appId, requestId } = await params;
  const { app } = await loadAppPage(appId, `/logs/${requestId}`, "logs:read");
  let log;
  try {
    log = await getRequestLog({ appId: app.id, requestId });
  } catch (error) {
    if (error instanceof AppError && error.code === "resource_not_found") notFound();
    throw error;
  }
  const replay = docsReplayFor(log);
  const curl = curlForLog(log, portalUrl());

  return (
    <DashboardShell
      crumbs={[
        { label: "Dashboard", href: "/dashboard" },
        { label: app.name, href: `/dashboard/apps/${app.id}` },
        { label: "Request logs", href: `/dashboard/apps/${app.id}/logs` },
        { label: log.id },
      ]}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
      <AppNav appId={app.id} current="logs" />
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-2">
          <h2 className="flex min-w-0 flex-wrap items-center gap-3 text-lg font-semibold text-fg">
            <MethodBadge method={log.method} />
            <span className="min-w-0 font-mono text-base break-all">{log.path}</span>
            <HttpStatusBadge status={log.status} />
          </h2>
          {log.route && log.route !== log.path.split("?")[0] && (
            <p className="text-sm text-fg-muted">
              Endpoint <span className="font-mono">{log.route}</span>
            </p>
          )}
        </div>
        {replay ? (
          <ButtonLink
            href={`/docs/api?${new URLSearchParams({ replay: log.id, app: app.id })}`}
            variant="primary"
            icon={<IconBook />}
            className="shrink-0"
          >
            Open in docs
          </ButtonLink>
        ) : (
          <p className="max-w-56 text-sm text-fg-muted">This path is not a documented endpoint, so it cannot be opened in the docs.</p>
        )}
      </header>

      <dl className="grid gap-x-8 gap-y-4 rounded-card border border-border bg-surface px-5 py-4 text-sm shadow-card sm:grid-cols-2 lg:grid-cols-[auto_auto_auto_1fr]">
        <div className="min-w-0">
          <dt className="text-xs font-medium text-fg-muted">Request ID</dt>
          <dd className="mt-0.5 flex items-center gap-1">
            <span className="truncate font-mono text-fg" data-testid="log-request-id">
              {log.id}
            </span>
            <CopyButton value={log.id} label="request id" className="-my-1" />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-fg-muted">Time</dt>
          <dd className="mt-1.5 text-fg">
            <time dateTime={log.created_at}>{formatExact(log.created_at)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-fg-muted">Latency</dt>
          <dd className="mt-1.5 text-fg tabular-nums">{log.latency_ms.toFixed(1)} ms</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs font-medium text-fg-muted">Key</dt>
          <dd className="mt-1.5 truncate font-mono text-fg">{log.key_prefix ?? "—"}</dd>
        </div>
      </dl>

      <CodeBlock code={curl} title={`Copy as curl · set ${KEY_PLACEHOLDER} to one of your keys`} language="bash" copyLabel="curl command" />

      <div className="grid gap-6 lg:grid-cols-2">
        <ExchangePanel title="Request" headers={log.request.headers} body={log.request.body} />
        <ExchangePanel title="Response" headers={log.response.headers} body={log.response.body} />
      </div>
      <p className="text-xs text-fg-muted">
        Credentials, tokens, secrets and passwords were removed, and IBANs, account numbers, national ids and emails partially masked,
        before this call was stored.
      </p>
    </DashboardShell>
  );
}
