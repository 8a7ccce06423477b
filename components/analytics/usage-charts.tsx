"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsagePoint, UsageRange } from "@/lib/analytics/usage-summary";
import { formatBucket } from "./format-bucket";

const axis = { stroke: "var(--border-strong)", tick: { fill: "var(--fg-muted)", fontSize: 12 }, tickLine: false };
const tooltipStyle = {
  contentStyle: { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--fg)", fontSize: 12 },
  labelStyle: { color: "var(--fg)", fontWeight: 600 },
  cursor: { fill: "var(--surface-muted)", stroke: "var(--border-strong)" },
};

/** Requests over time, stacked by outcome. The figure is described for screen readers; the table below has the numbers. */
export function RequestsChart({ series, range, label }: { series: UsagePoint[]; range: UsageRange; label: string }) {
  const data = series.map((point) => ({ ...point, label: formatBucket(point.start, range) }));
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" {...axis} minTickGap={24} />
          <YAxis allowDecimals={false} {...axis} axisLine={false} />
          <Tooltip {...tooltipStyle} />
          <Bar dataKey="success" name="2xx/3xx" stackId="s" fill="var(--primary)" isAnimationActive={false} />
          <Bar dataKey="client_errors" name="4xx" stackId="s" fill="var(--warning)" isAnimationActive={false} />
          <Bar dataKey="server_errors" name="5xx" stackId="s" fill="var(--danger)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ErrorRateChart({ series, range, label }: { series: UsagePoint[]; range: UsageRange; label: string }) {
  const data = series.map((point) => ({
    label: formatBucket(point.start, range),
    rate: point.total ? Math.round(point.error_rate * 1000) / 10 : null,
  }));
  return (
    <div role="img" aria-label={label} className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" {...axis} minTickGap={24} />
          <YAxis unit="%" domain={[0, 100]} {...axis} axisLine={false} />
          <Tooltip {...tooltipStyle} formatter={(value) => [`${value}%`, "Error rate"]} />
          <Line
            type="monotone"
            dataKey="rate"
            name="Error rate"
            stroke="var(--danger)"
            strokeWidth={2}
            dot={{ r: 2.5, strokeWidth: 0, fill: "var(--danger)" }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One line per endpoint label (Recharts would wrap it at spaces). */
function EndpointTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: string } }) {
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fill="var(--fg-muted)" fontSize={11} fontFamily="var(--font-mono)">
      {payload?.value}
    </text>
  );
}

export function LatencyChart({
  endpoints,
  label,
}: {
  endpoints: Array<{ name: string; p50: number | null; p95: number | null }>;
  label: string;
}) {
  // Room for the longest "METHOD /route" label in 11 px monospace.
  const labelWidth = Math.min(340, 16 + Math.max(0, ...endpoints.map((endpoint) => endpoint.name.length)) * 6.8);
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height: Math.max(120, endpoints.length * 36 + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={endpoints} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" unit=" ms" {...axis} />
          <YAxis type="category" dataKey="name" width={labelWidth} {...axis} tick={EndpointTick} />
          <Tooltip {...tooltipStyle} formatter={(value, name) => [`${value} ms`, name]} />
          <Bar dataKey="p50" name="p50" fill="var(--primary)" radius={[0, 3, 3, 0]} isAnimationActive={false} />
          <Bar dataKey="p95" name="p95" fill="var(--accent)" radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
