"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { HttpStatusBadge, MethodBadge } from "@/components/dashboard/status-badges";
import { ExchangePanel } from "@/components/request-logs/exchange-panel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { IconArrowRight, IconBook, IconX } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { callApi, useApiAction } from "@/lib/portal-api/use-api-action";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import type { RequestLogDetailDto } from "@/lib/request-logs/get-request-log";
import { docsReplayFor } from "@/lib/request-logs/replay";
import type { TimelineItem } from "@/lib/timeline/timeline-item";
import type { DeliveryDetailDto } from "@/lib/webhooks/delivery-dto";
import { ATTEMPT_TRIGGER_LABEL } from "@/components/webhooks/attempt-trigger";

const ID_LABELS: Record<string, string> = {
  request_id: "Request ID",
  delivery_id: "Delivery ID",
  event_id: "webhook-id",
  endpoint_id: "Endpoint",
  key_id: "Key",
  consent_id: "Consent",
  customer_id: "Customer",
  audit_id: "Audit event",
};

type Loaded = { kind: "request"; log: RequestLogDetailDto } | { kind: "webhook"; delivery: DeliveryDetailDto } | null;

/** The open item: its ids, and for a call or a delivery the full detail with "Replay in docs" or "Resend". */
export function TimelineDetail({
  appId,
  item,
  canResend,
  onClose,
}: {
  appId: string;
  item: TimelineItem | null;
  canResend: boolean;
  onClose: () => void;
}) {
  const requestId = item?.kind === "request" || item?.kind === "sandbox" ? item.ids.request_id : undefined;
  const deliveryId = item?.kind === "webhook" ? item.ids.delivery_id : undefined;
  const endpointId = item?.ids.endpoint_id;
  // The parent keys this component by item, so the state starts afresh for each one.
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(Boolean(requestId || (deliveryId && endpointId)));
  const resend = useApiAction();

  useEffect(() => {
    if (!requestId && !(deliveryId && endpointId)) return;
    let live = true;
    void (async () => {
      const outcome = requestId
        ? await callApi(() =>
            portalApi.GET("/api/apps/{appId}/requests/{requestId}", { params: { path: { appId, requestId } }, cache: "no-store" }),
          ).then((result) => (result.ok ? { ok: true as const, loaded: { kind: "request" as const, log: result.data } } : result))
        : await callApi(() =>
            portalApi.GET("/api/apps/{appId}/webhooks/{endpointId}/deliveries/{deliveryId}", {
              params: { path: { appId, endpointId: endpointId!, deliveryId: deliveryId! } },
              cache: "no-store",
            }),
          ).then((result) => (result.ok ? { ok: true as const, loaded: { kind: "webhook" as const, delivery: result.data } } : result));
      if (!live) return;
      setLoading(false);
      if (outcome.ok) setLoaded(outcome.loaded);
      else setError(outcome.message);
    })();
    return () => {
      live = false;
    };
  }, [appId, requestId, deliveryId, endpointId]);

  async function resendDelivery() {
    if (!deliveryId || !endpointId) return;
    const done = await resend.run(() =>
      portalApi.POST("/api/apps/{appId}/webhooks/{endpointId}/deliveries/{deliveryId}/resend", {
        params: { path: { appId, endpointId, deliveryId } },
      }),
    );
    if (done) setLoaded({ kind: "webhook", delivery: done.data });
  }

  if (!item) {
    return (
      <aside
        id="timeline-detail"
        aria-label="Item detail"
        className="hidden rounded-card border border-dashed border-border-strong p-5 text-sm text-fg-muted lg:block"
      >
        Choose an item to see its detail: a call&apos;s request and response, a delivery&apos;s attempts, who changed what.
      </aside>
    );
  }

  const replay = loaded?.kind === "request" ? docsReplayFor(loaded.log) : null;
  return (
    <aside
      id="timeline-detail"
      aria-label="Item detail"
      className="flex min-w-0 flex-col gap-4 self-start rounded-card border border-border bg-surface p-5 shadow-card lg:sticky lg:top-4"
    >
      <header className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="font-semibold break-all text-fg">{item.title}</h3>
          <p className="text-xs text-fg-muted">
            <time dateTime={item.occurred_at}>{new Date(item.occurred_at).toLocaleString()}</time>
            {item.actor && <> · by {item.actor}</>}
          </p>
        </div>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close the detail" icon={<IconX />} />
      </header>
      {item.detail && <p className="text-sm break-words text-fg">{item.detail}</p>}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
        {Object.entries(item.ids).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-xs font-medium text-fg-muted">{ID_LABELS[name] ?? name}</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <span className="truncate font-mono text-xs text-fg">{value}</span>
              <CopyButton value={value} label={ID_LABELS[name] ?? name} className="-my-1" />
            </dd>
          </div>
        ))}
      </dl>

      {loading && (
        <p className="flex items-center gap-2 text-sm text-fg-muted">
          <Spinner label="Loading the detail" /> Loading the detail…
        </p>
      )}
      {error && (
        <Alert tone="error" title="Could not load the detail">
          {error}
        </Alert>
      )}

      {loaded?.kind === "request" && (
        <div className="flex flex-col gap-3">
          <p className="flex flex-wrap items-center gap-2">
            <MethodBadge method={loaded.log.method} />
            <span className="min-w-0 font-mono text-xs break-all text-fg">{loaded.log.path}</span>
            <HttpStatusBadge status={loaded.log.status} />
          </p>
          <div className="flex flex-wrap gap-2">
            {replay ? (
              <ButtonLink
                href={`/docs/api?${new URLSearchParams({ replay: loaded.log.id, app: appId })}`}
                variant="primary"
                size="sm"
                icon={<IconBook />}
              >
                Replay in docs
              </ButtonLink>
            ) : (
              <p className="text-xs text-fg-muted">Not a documented endpoint, so it cannot be replayed in the docs.</p>
            )}
            <ButtonLink href={item.link ?? "#"} variant="secondary" size="sm" icon={<IconArrowRight />}>
              Open the request
            </ButtonLink>
          </div>
          <ExchangePanel title="Request" headers={loaded.log.request.headers} body={loaded.log.request.body} />
          <ExchangePanel title="Response" headers={loaded.log.response.headers} body={loaded.log.response.body} />
        </div>
      )}

      {loaded?.kind === "webhook" && (
        <div className="flex flex-col gap-3">
          {canResend && (
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="primary" size="sm" loading={resend.pending} onClick={() => void resendDelivery()}>
                Resend
              </Button>
              {resend.error && <span className="text-xs text-danger">{resend.error}</span>}
            </div>
          )}
          <h4 className="text-sm font-semibold text-fg">Attempts</h4>
          {loaded.delivery.attempts.length === 0 ? (
            <p className="text-sm text-fg-muted">No attempt yet: the dispatcher sends it within seconds.</p>
          ) : (
            <ol className="flex flex-col divide-y divide-border rounded-card border border-border">
              {loaded.delivery.attempts.map((attempt) => (
                <li key={attempt.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                  <span className="flex flex-col">
                    <span className="text-fg">
                      #{attempt.number} · {ATTEMPT_TRIGGER_LABEL[attempt.trigger] ?? "scheduled"}
                    </span>
                    <time dateTime={attempt.created_at} className="text-xs text-fg-muted">
                      {new Date(attempt.created_at).toLocaleString()} · {attempt.latency_ms} ms
                    </time>
                  </span>
                  {attempt.response_status ? (
                    <HttpStatusBadge status={attempt.response_status} />
                  ) : (
                    <Badge tone="danger">{attempt.error ?? "No answer"}</Badge>
                  )}
                </li>
              ))}
            </ol>
          )}
          {item.link && (
            <Link href={item.link} className="text-sm font-medium text-primary hover:underline">
              Open the endpoint&apos;s delivery log
            </Link>
          )}
        </div>
      )}

      {!requestId && !deliveryId && item.link && (
        <ButtonLink href={item.link} variant="secondary" size="sm" icon={<IconArrowRight />} className="self-start">
          Open
        </ButtonLink>
      )}
    </aside>
  );
}
