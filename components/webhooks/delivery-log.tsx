"use client";

import { Fragment, useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconWebhook } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatExact, formatRelative, formatUntil } from "@/components/dashboard/format-time";
import { HttpStatusBadge } from "@/components/dashboard/status-badges";
import { SectionHeader } from "@/components/dashboard/section-header";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi, useApiAction } from "@/lib/portal-api/use-api-action";
import type { DeliveryDetailDto, DeliveryDto } from "@/lib/webhooks/delivery-dto";
import type { DeliveryStatus } from "@/lib/webhooks/endpoint-input";
import { ATTEMPT_TRIGGER_LABEL } from "./attempt-trigger";
import { DeliveryStatusBadge } from "./endpoint-status-badge";

const FILTERS: { id: DeliveryStatus | undefined; label: string }[] = [
  { id: undefined, label: "All" },
  { id: "pending", label: "Pending" },
  { id: "succeeded", label: "Succeeded" },
  { id: "failed", label: "Failed" },
];

const REFRESH_MS = 3_000;

/**
 * The endpoint's deliveries, newest first, filtered by status, refreshed every 3 s while the tab
 * is visible. A row opens to show every attempt (headers, body, response, latency); any delivery
 * can be resent.
 */
export function DeliveryLog({
  appId,
  endpointId,
  initial,
  renderedAt,
  canResend,
}: {
  appId: string;
  endpointId: string;
  initial: DeliveryDto[];
  renderedAt: number;
  canResend: boolean;
}) {
  const [filter, setFilter] = useState<DeliveryStatus>();
  const [deliveries, setDeliveries] = useState(initial);
  const [now, setNow] = useState(renderedAt);
  const [open, setOpen] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, DeliveryDetailDto>>({});
  const [detailError, setDetailError] = useState<string>();
  const [listError, setListError] = useState<string>();
  const [resending, setResending] = useState<string | null>(null);
  const resend = useApiAction();
  const error = resend.error ?? listError;
  const inFlight = useRef(false);
  // Only the newest list request may replace the rows: a poll answering after a filter change is stale.
  const latest = useRef(0);

  // A server re-render (after "Send test event") brings fresher rows.
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    if (filter === undefined) setDeliveries(initial);
  }

  const loadDetail = useCallback(
    async (deliveryId: string) => {
      const outcome = await callApi(() =>
        portalApi.GET("/api/apps/{appId}/webhooks/{endpointId}/deliveries/{deliveryId}", {
          params: { path: { appId, endpointId, deliveryId } },
          cache: "no-store",
        }),
      );
      if (!outcome.ok) return setDetailError(outcome.message);
      setDetailError(undefined);
      setDetails((current) => ({ ...current, [deliveryId]: outcome.data }));
    },
    [appId, endpointId],
  );

  /** The rows of one status; a poll (`skipIfBusy`) gives way to a request already in flight. */
  const refresh = useCallback(
    async (status: DeliveryStatus | undefined, skipIfBusy = false) => {
      if (skipIfBusy && inFlight.current) return;
      const request = ++latest.current;
      inFlight.current = true;
      const outcome = await callApi(() =>
        portalApi.GET("/api/apps/{appId}/webhooks/{endpointId}/deliveries", {
          params: { path: { appId, endpointId }, query: { status, limit: 50 } },
          cache: "no-store",
        }),
      );
      if (request !== latest.current) return;
      inFlight.current = false;
      if (!outcome.ok) return setListError(`Could not refresh: ${outcome.message}`);
      setListError(undefined);
      setDeliveries(outcome.data.data);
      setNow(Date.now());
    },
    [appId, endpointId],
  );

  useEffect(() => {
    const tick = () => {
      if (document.visibilityState !== "visible") return;
      void refresh(filter, true);
      if (open) void loadDetail(open);
    };
    const timer = setInterval(tick, REFRESH_MS);
    return () => clearInterval(timer);
  }, [filter, open, refresh, loadDetail]);

  async function resendDelivery(deliveryId: string) {
    setResending(deliveryId);
    const done = await resend.run(() =>
      portalApi.POST("/api/apps/{appId}/webhooks/{endpointId}/deliveries/{deliveryId}/resend", {
        params: { path: { appId, endpointId, deliveryId } },
      }),
    );
    if (done) {
      setDetails((current) => ({ ...current, [deliveryId]: done.data }));
      setOpen(deliveryId);
      await refresh(filter);
    }
    setResending(null);
  }

  return (
    <section aria-labelledby="deliveries-title" className="flex flex-col gap-4">
      <SectionHeader
        id="deliveries-title"
        title="Deliveries"
        description="Every event sent to this endpoint, newest first. Open one to see each attempt."
        actions={
          <div role="group" aria-label="Filter by status" className="flex rounded-control border border-border bg-surface p-0.5">
            {FILTERS.map((option) => (
              <button
                key={option.label}
                type="button"
                aria-pressed={filter === option.id}
                onClick={() => {
                  setFilter(option.id);
                  void refresh(option.id);
                }}
                className={`rounded-[calc(var(--radius-control)-2px)] px-3 py-1 text-sm ${filter === option.id ? "bg-primary-soft font-medium text-primary-soft-fg" : "text-fg-muted hover:text-fg"}`}
              >
                {option.label}
              </button>
            ))}
          </div>
        }
      />
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      {deliveries.length === 0 ? (
        <EmptyState icon={<IconWebhook size={22} />} title={filter ? `No ${filter} deliveries` : "No deliveries yet"}>
          Fire an event with <span className="font-mono">POST /v1/sandbox/webhooks/fire</span>, make a payment, or use “Send test event”.
        </EmptyState>
      ) : (
        <Table data-testid="deliveries-table">
          <TableCaption className="sr-only">Deliveries to this endpoint</TableCaption>
          <THead>
            <tr>
              <TH>Event</TH>
              <TH>Status</TH>
              <TH>Attempts</TH>
              <TH>Last response</TH>
              <TH>Next retry</TH>
              <TH>Created</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {deliveries.map((delivery) => (
              <Fragment key={delivery.id}>
                <TR data-delivery-id={delivery.id}>
                  <TD>
                    <span className="block font-mono text-xs font-medium">{delivery.event_type}</span>
                    <span className="block font-mono text-xs text-fg-muted">{delivery.event_id}</span>
                  </TD>
                  <TD>
                    <DeliveryStatusBadge status={delivery.status} />
                  </TD>
                  <TD className="tabular-nums" data-testid="attempt-count">
                    {delivery.attempt_count}
                  </TD>
                  <TD>
                    {delivery.last_response_status ? (
                      <HttpStatusBadge status={delivery.last_response_status} />
                    ) : (
                      <span className="text-fg-subtle">{delivery.attempt_count ? "No response" : "—"}</span>
                    )}
                  </TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    {delivery.next_attempt_at ? (
                      <time dateTime={delivery.next_attempt_at} title={formatExact(delivery.next_attempt_at)}>
                        {formatUntil(delivery.next_attempt_at, now)}
                      </time>
                    ) : (
                      "—"
                    )}
                  </TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    <time dateTime={delivery.created_at} title={formatExact(delivery.created_at)}>
                      {formatRelative(delivery.created_at, now)}
                    </time>
                  </TD>
                  <TD className="text-right whitespace-nowrap">
                    <div className="flex justify-end gap-2">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-expanded={open === delivery.id}
                        onClick={() => {
                          const next = open === delivery.id ? null : delivery.id;
                          setOpen(next);
                          setDetailError(undefined);
                          if (next) void loadDetail(next);
                        }}
                      >
                        {open === delivery.id ? "Hide" : "Details"}
                      </Button>
                      {canResend && (
                        <Button
                          size="sm"
                          variant="secondary"
                          loading={resending === delivery.id}
                          onClick={() => void resendDelivery(delivery.id)}
                        >
                          Resend
                        </Button>
                      )}
                    </div>
                  </TD>
                </TR>
                {open === delivery.id && (
                  <tr>
                    <td colSpan={7} className="bg-surface-muted/40 px-4 py-4">
                      {details[delivery.id] ? (
                        <DeliveryDetail detail={details[delivery.id]} now={now} />
                      ) : (
                        <p className="text-sm text-fg-muted">{detailError ?? "Loading…"}</p>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function DeliveryDetail({ detail, now }: { detail: DeliveryDetailDto; now: number }) {
  return (
    <div className="flex flex-col gap-4" data-testid="delivery-detail">
      <CodeBlock title="Request body (the same on every attempt)" code={pretty(detail.request_body)} language="json" />
      <ol className="flex flex-col gap-3">
        {detail.attempts.map((attempt) => (
          <li key={attempt.id} className="rounded-card border border-border bg-surface p-4" data-testid="attempt">
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span className="font-medium">Attempt {attempt.number}</span>
              {ATTEMPT_TRIGGER_LABEL[attempt.trigger] && (
                <span className="text-xs text-fg-muted">{ATTEMPT_TRIGGER_LABEL[attempt.trigger]}</span>
              )}
              {attempt.response_status ? (
                <HttpStatusBadge status={attempt.response_status} />
              ) : (
                <span className="text-danger">{attempt.error}</span>
              )}
              <span className="text-fg-muted tabular-nums">{attempt.latency_ms} ms</span>
              <time className="text-fg-muted" dateTime={attempt.created_at} title={formatExact(attempt.created_at)}>
                {formatRelative(attempt.created_at, now)}
              </time>
            </div>
            {attempt.response_status !== null && attempt.error && <p className="mt-1 text-sm text-danger">{attempt.error}</p>}
            <div className="mt-3 grid gap-3 lg:grid-cols-2">
              <CodeBlock
                title="Request headers"
                code={Object.entries(attempt.request_headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join("\n")}
                language="http"
              />
              <CodeBlock title="Response body (first 2 KiB)" code={attempt.response_body || "(empty)"} language="text" />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
