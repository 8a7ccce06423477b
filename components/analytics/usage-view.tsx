import Link from "next/link";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconTerminal } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { MethodBadge } from "@/components/dashboard/status-badges";
import { cn } from "@/lib/cn";
import { USAGE_RANGES, type UsageRange, type UsageSummary } from "@/lib/analytics/usage-summary";
import { formatBucket } from "./format-bucket";
import { ErrorRateChart, LatencyChart, RequestsChart } from "./usage-charts";

const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;
const ms = (value: number | null) => (value === null ? "—" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

/** Segmented links: each range is its own URL. */
export function RangeSwitcher({ range, hrefFor }: { range: UsageRange; hrefFor: (range: UsageRange) => string }) {
  return (
    <nav aria-label="Time range" className="inline-flex rounded-control border border-border bg-surface p-0.5 shadow-xs">
      {(Object.keys(USAGE_RANGES) as UsageRange[]).map((option) => (
        <Link
          key={option}
          href={hrefFor(option)}
          aria-current={option === range ? "page" : undefined}
          className={cn(
            "rounded-[0.4rem] px-3 py-1.5 text-sm font-medium transition-colors",
            option === range ? "bg-primary text-primary-fg" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
          )}
        >
          {option}
        </Link>
      ))}
    </nav>
  );
}

function Stat({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: "danger" }) {
  return (
    <div className="rounded-card border border-border bg-surface px-5 py-4 shadow-card">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className={cn("mt-1 text-2xl font-semibold tracking-tight tabular-nums", tone === "danger" ? "text-danger" : "text-fg")}>
        {value}
      </dd>
      {hint && <dd className="mt-0.5 text-xs text-fg-muted">{hint}</dd>}
    </div>
  );
}

/** Usage over a range: totals, requests and error rate over time, latency and volume per endpoint. */
export function UsageView({ usage, scopeLabel }: { usage: UsageSummary; scopeLabel: string }) {
  const { totals, series, endpoints, range } = usage;
  const rangeLabel = USAGE_RANGES[range].label.toLowerCase();
  if (totals.requests === 0) {
    return (
      <EmptyState icon={<IconTerminal size={22} />} title={`No requests in the ${rangeLabel}`}>
        <p>Charts fill in as {scopeLabel} calls the sandbox. Try a call from the API docs.</p>
      </EmptyState>
    );
  }
  const peak = series.reduce((best, point) => (point.total > best.total ? point : best), series[0]);
  const top = endpoints.slice(0, 10);
  const latencyData = top.map((endpoint) => ({ name: `${endpoint.method} ${endpoint.route}`, p50: endpoint.p50_ms, p95: endpoint.p95_ms }));

  return (
    <div className="flex flex-col gap-6" data-testid="usage-view">
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Requests" value={totals.requests.toLocaleString("en-GB")} hint={rangeLabel} />
        <Stat
          label="Error rate"
          value={percent(totals.error_rate)}
          hint={`${totals.errors.toLocaleString("en-GB")} 4xx/5xx responses`}
          tone={totals.error_rate >= 0.05 ? "danger" : undefined}
        />
        <Stat label="p50 latency" value={ms(totals.p50_ms)} hint="median, all endpoints" />
        <Stat label="p95 latency" value={ms(totals.p95_ms)} hint="95th percentile" />
      </dl>

      <Card>
        <CardHeader>
          <CardTitle>Requests over time</CardTitle>
          <CardDescription>
            By outcome, {range === "24h" ? "per hour" : range === "7d" ? "per 6 hours" : "per day"} (UTC). Peak:{" "}
            {peak.total.toLocaleString("en-GB")} at {formatBucket(peak.start, range)}.
          </CardDescription>
        </CardHeader>
        <CardBody>
          <RequestsChart
            series={series}
            range={range}
            label={`Bar chart of ${totals.requests} requests in the ${rangeLabel}, peaking at ${peak.total} at ${formatBucket(peak.start, range)}. The table below lists every point.`}
          />
          <ul className="mt-3 flex flex-wrap gap-4 text-xs text-fg-muted" aria-hidden="true">
            <li className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm bg-primary" />
              2xx / 3xx
            </li>
            <li className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm bg-warning" />
              4xx
            </li>
            <li className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm bg-danger" />
              5xx
            </li>
          </ul>
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-primary">Show as table</summary>
            <Table className="mt-3">
              <TableCaption className="sr-only">Requests over time</TableCaption>
              <THead>
                <tr>
                  <TH>Period starting</TH>
                  <TH className="text-right">Requests</TH>
                  <TH className="text-right">4xx</TH>
                  <TH className="text-right">5xx</TH>
                  <TH className="text-right">Error rate</TH>
                </tr>
              </THead>
              <TBody>
                {series.map((point) => (
                  <TR key={point.start}>
                    <TD>{formatBucket(point.start, range)}</TD>
                    <TD className="text-right tabular-nums">{point.total}</TD>
                    <TD className="text-right tabular-nums">{point.client_errors}</TD>
                    <TD className="text-right tabular-nums">{point.server_errors}</TD>
                    <TD className="text-right tabular-nums">{point.total ? percent(point.error_rate) : "—"}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </details>
        </CardBody>
      </Card>

      <div className="grid gap-6 xl:grid-cols-[2fr_3fr]">
        <Card>
          <CardHeader>
            <CardTitle>Error rate</CardTitle>
            <CardDescription>Share of 4xx and 5xx responses per period.</CardDescription>
          </CardHeader>
          <CardBody>
            <ErrorRateChart
              series={series}
              range={range}
              label={`Line chart of the error rate per period; ${percent(totals.error_rate)} overall.`}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Latency by endpoint</CardTitle>
            <CardDescription>p50 and p95 at the gateway, for the busiest endpoints. Numbers in the table below.</CardDescription>
          </CardHeader>
          <CardBody>
            <LatencyChart endpoints={latencyData} label={`Bar chart of p50 and p95 latency for the ${top.length} busiest endpoints.`} />
            <ul className="mt-3 flex flex-wrap gap-4 text-xs text-fg-muted" aria-hidden="true">
              <li className="flex items-center gap-1.5">
                <span className="size-2.5 rounded-sm bg-primary" />
                p50
              </li>
              <li className="flex items-center gap-1.5">
                <span className="size-2.5 rounded-sm bg-accent" />
                p95
              </li>
            </ul>
          </CardBody>
        </Card>
      </div>

      <section aria-labelledby="endpoints-title" className="flex flex-col gap-3">
        <h2 id="endpoints-title" className="text-lg font-semibold text-fg">
          Top endpoints
        </h2>
        <Table data-testid="endpoints-table">
          <TableCaption className="sr-only">Endpoints by number of requests, with error rate and latency</TableCaption>
          <THead>
            <tr>
              <TH>Endpoint</TH>
              <TH className="text-right">Requests</TH>
              <TH className="text-right">Error rate</TH>
              <TH className="text-right">p50</TH>
              <TH className="text-right">p95</TH>
              <TH className="text-right">Average</TH>
            </tr>
          </THead>
          <TBody>
            {endpoints.map((endpoint) => (
              <TR key={`${endpoint.method} ${endpoint.route}`}>
                <TD className="w-full">
                  <span className="flex items-center gap-2">
                    <MethodBadge method={endpoint.method} />
                    <span className="font-mono text-xs">{endpoint.route}</span>
                  </span>
                </TD>
                <TD className="text-right tabular-nums">{endpoint.requests.toLocaleString("en-GB")}</TD>
                <TD className={cn("text-right tabular-nums", endpoint.error_rate >= 0.05 && "text-danger")}>
                  {percent(endpoint.error_rate)}
                </TD>
                <TD className="text-right whitespace-nowrap tabular-nums">{ms(endpoint.p50_ms)}</TD>
                <TD className="text-right whitespace-nowrap tabular-nums">{ms(endpoint.p95_ms)}</TD>
                <TD className="text-right whitespace-nowrap tabular-nums">{ms(endpoint.avg_ms)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <p className="text-xs text-fg-muted">
          Percentiles are estimated from hourly latency histograms (within one bucket: 5, 10, 20, 35, 50, 75, 100, 150, 250, 400, 600 ms, 1
          s, …).
        </p>
      </section>
    </div>
  );
}
