"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconArrowRight, IconTerminal } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { RequestLogDto } from "@/lib/request-logs/list-request-logs";
import { tryItHref } from "@/lib/docs/try-it-href";
import { curlFirstCall } from "./curl";
import { formatExact, formatRelative } from "./format-time";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi } from "@/lib/portal-api/use-api-action";
import { SectionHeader } from "./section-header";
import { HttpStatusBadge, MethodBadge } from "./status-badges";

const AUTO_REFRESH_MS = 5_000;

/**
 * The app's last 50 gateway calls. Starts from the server's render, then refreshes on demand
 * and, if asked, every 5 s while the tab is visible (hidden tabs do not poll).
 */
export function RequestsSection({
  appId,
  initial,
  renderedAt,
  portalUrl,
}: {
  appId: string;
  initial: RequestLogDto[];
  renderedAt: number;
  portalUrl: string;
}) {
  const router = useRouter();
  const [requests, setRequests] = useState(initial);
  const [now, setNow] = useState(renderedAt);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [auto, setAuto] = useState(true);
  const inFlight = useRef(false);
  const newest = useRef(initial[0]?.id);

  // A server re-render (router.refresh) brings fresher rows: take them.
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    setRequests(initial);
    setNow(renderedAt);
  }

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    const outcome = await callApi(() => portalApi.GET("/api/apps/{appId}/requests", { params: { path: { appId } }, cache: "no-store" }));
    inFlight.current = false;
    setLoading(false);
    if (!outcome.ok) return setError(`Could not refresh: ${outcome.message}`);
    const { data } = outcome.data;
    setError(undefined);
    setRequests(data);
    setNow(Date.now());
    // New traffic moves the keys' "last used"; let the server re-render that part.
    if (data[0]?.id !== newest.current) {
      newest.current = data[0]?.id;
      router.refresh();
    }
  }, [appId, router]);

  useEffect(() => {
    if (!auto) return;
    const tick = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    const timer = setInterval(tick, AUTO_REFRESH_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [auto, refresh]);

  return (
    <section aria-labelledby="requests-title" className="flex flex-col gap-4">
      <SectionHeader
        id="requests-title"
        title="Recent requests"
        description="The last 50 calls to the sandbox with this app's keys, newest first."
        actions={
          <>
            <label className="flex cursor-pointer items-center gap-2 text-sm text-fg-muted">
              <input type="checkbox" checked={auto} onChange={(event) => setAuto(event.target.checked)} className="size-4 accent-primary" />
              Auto-refresh
            </label>
            <Button variant="secondary" size="sm" loading={loading} onClick={() => void refresh()}>
              Refresh
            </Button>
          </>
        }
      />
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      {requests.length === 0 ? (
        <EmptyState
          icon={<IconTerminal size={22} />}
          title="No requests yet"
          action={
            <ButtonLink href={tryItHref({ appId })} variant="secondary" icon={<IconArrowRight />}>
              Or try it in the API docs
            </ButtonLink>
          }
        >
          <p>Make your first call with one of this app&apos;s keys. It shows up here within seconds.</p>
          <CodeBlock
            className="mt-4 text-left"
            title="Your first call"
            language="bash"
            copyLabel="curl command"
            code={curlFirstCall(portalUrl)}
          />
        </EmptyState>
      ) : (
        <Table data-testid="requests-table">
          <TableCaption className="sr-only">The last 50 requests to the sandbox with this app&apos;s keys</TableCaption>
          <THead>
            <tr>
              <TH>Time</TH>
              <TH>Method</TH>
              <TH>Path</TH>
              <TH>Status</TH>
              <TH className="text-right">Latency</TH>
              <TH>Request ID</TH>
            </tr>
          </THead>
          <TBody>
            {requests.map((request) => (
              <TR key={request.id}>
                <TD className="whitespace-nowrap">
                  <time dateTime={request.created_at} title={formatExact(request.created_at)} className="text-fg-muted">
                    {formatRelative(request.created_at, now)}
                  </time>
                </TD>
                <TD>
                  <MethodBadge method={request.method} />
                </TD>
                <TD className="max-w-0 min-w-40 w-full">
                  <span className="block truncate font-mono text-xs" title={request.path}>
                    {request.path}
                  </span>
                </TD>
                <TD>
                  <HttpStatusBadge status={request.status} />
                </TD>
                <TD className="text-right whitespace-nowrap tabular-nums">
                  {Math.round(request.latency_ms)}
                  <span className="text-fg-muted"> ms</span>
                </TD>
                <TD>
                  <span className="flex items-center gap-1">
                    <span className="font-mono text-xs whitespace-nowrap text-fg-muted">{request.id}</span>
                    <CopyButton value={request.id} label={`request id ${request.id}`} />
                  </span>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
