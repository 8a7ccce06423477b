import type { Metadata } from "next";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { SectionHeader } from "@/components/dashboard/section-header";
import { LogFilterBar, type FilterValues } from "@/components/request-logs/log-filter-bar";
import { RequestLogTable } from "@/components/request-logs/request-log-table";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconArrowRight, IconSearch } from "@/components/ui/icons";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { env } from "@/lib/env";
import { AppError } from "@openbank/contracts/errors";
import { listKeys } from "@/lib/keys/list-keys";
import { parseLogFilters, type LogFilters } from "@/lib/request-logs/log-filters";
import { listRequestLogs } from "@/lib/request-logs/list-request-logs";
import { pastedRequestId, requestHref } from "@/lib/request-logs/request-id";
import { redirect } from "next/navigation";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Request logs" };

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(raw)) if (typeof value === "string") params.set(name, value);
  return params;
}

/** A page of logs and the app's keys, with the clock relative times are measured from. */
async function loadLogs(appId: string, filters: LogFilters) {
  const [page, keys] = await Promise.all([listRequestLogs({ appId, filters }), listKeys({ appId })]);
  return { page, keys, renderedAt: Date.now() };
}

export default async function RequestLogsPage({ params, searchParams }: Props) {
  const { appId } = await params;
  const { app } = await loadAppPage(appId, "/logs", "logs:read");
  const search = toSearchParams(await searchParams);
  // A request id pasted into the filter opens that request (in whichever of the user's apps made it).
  const pasted = pastedRequestId(search.get("path"));
  if (pasted) redirect(requestHref(pasted));
  let filters: LogFilters = { limit: 50 };
  let filterError: AppError | undefined;
  try {
    filters = parseLogFilters(search);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    filterError = error;
  }
  const { page, keys, renderedAt } = await loadLogs(app.id, filters);
  const base = `/dashboard/apps/${app.id}/logs`;
  const values: FilterValues = filterError
    ? {}
    : {
        status: search.get("status") ?? undefined,
        method: search.get("method") ?? undefined,
        path: search.get("path") ?? undefined,
        key: search.get("key") ?? undefined,
        since: search.get("since") ?? undefined,
        from: search.get("from") ?? undefined,
        to: search.get("to") ?? undefined,
      };
  const olderParams = new URLSearchParams(search);
  if (page.next_cursor) olderParams.set("cursor", page.next_cursor);
  const paged = search.has("cursor");
  const firstPageParams = new URLSearchParams(search);
  firstPageParams.delete("cursor");

  return (
    <DashboardShell
      crumbs={[
        { label: "Dashboard", href: "/dashboard" },
        { label: app.name, href: `/dashboard/apps/${app.id}` },
        { label: "Request logs" },
      ]}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
      <AppNav appId={app.id} current="logs" />
      <section aria-labelledby="logs-title" className="flex flex-col gap-4">
        <SectionHeader
          id="logs-title"
          title="Request logs"
          description={`Every call with this app's keys, newest first. Headers and bodies are stored with secrets and personal data masked, for ${env().REQUEST_LOG_RETENTION_DAYS} days.`}
        />
        <LogFilterBar action={base} values={values} keys={keys.map((key) => ({ id: key.id, name: key.name, prefix: key.prefix }))} />
        {filterError && (
          <Alert tone="error" title="Some filters in the link are invalid">
            {filterError.errors?.map((error) => `${error.pointer.replace("/query/", "")}: ${error.detail}`).join("; ")}. Showing all
            requests.
          </Alert>
        )}
        {page.data.length === 0 ? (
          <EmptyState
            icon={<IconSearch size={22} />}
            title={
              values.status || values.method || values.path || values.key || values.since || paged ? "No requests match" : "No requests yet"
            }
            action={
              <ButtonLink href="/docs/api" variant="secondary" icon={<IconArrowRight />}>
                Make a call in the API docs
              </ButtonLink>
            }
          >
            <p>Calls show up here within a second of being made.</p>
          </EmptyState>
        ) : (
          <>
            <RequestLogTable appId={app.id} logs={page.data} now={renderedAt} caption="Request logs matching the filters" />
            <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
              <span className="text-fg-muted">
                {page.data.length} request{page.data.length === 1 ? "" : "s"} {paged ? "on this page" : "shown"}
              </span>
              <span className="flex gap-2">
                {paged && (
                  <ButtonLink href={`${base}?${firstPageParams}`} variant="ghost" size="sm">
                    Newest
                  </ButtonLink>
                )}
                {page.next_cursor && (
                  <ButtonLink href={`${base}?${olderParams}`} variant="secondary" size="sm" icon={<IconArrowRight />}>
                    Older requests
                  </ButtonLink>
                )}
              </span>
            </nav>
          </>
        )}
      </section>
    </DashboardShell>
  );
}
