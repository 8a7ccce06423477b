import Link from "next/link";
import { formatExact, formatRelative } from "@/components/dashboard/format-time";
import { HttpStatusBadge, MethodBadge } from "@/components/dashboard/status-badges";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { RequestLogDto } from "@/lib/request-logs/list-request-logs";

/** Logged calls; each row opens the call's detail page (headers, bodies, curl, docs). */
export function RequestLogTable({ appId, logs, now, caption }: { appId: string; logs: RequestLogDto[]; now: number; caption: string }) {
  return (
    <Table data-testid="request-log-table">
      <TableCaption className="sr-only">{caption}</TableCaption>
      <THead>
        <tr>
          <TH>Time</TH>
          <TH>Method</TH>
          <TH>Path</TH>
          <TH>Status</TH>
          <TH className="text-right">Latency</TH>
          <TH>Key</TH>
        </tr>
      </THead>
      <TBody>
        {logs.map((log) => (
          <TR key={log.id} className="relative hover:bg-surface-muted/60">
            <TD className="whitespace-nowrap">
              <time dateTime={log.created_at} title={formatExact(log.created_at)} className="text-fg-muted">
                {formatRelative(log.created_at, now)}
              </time>
            </TD>
            <TD>
              <MethodBadge method={log.method} />
            </TD>
            <TD className="w-full max-w-0 min-w-48">
              <Link
                href={`/dashboard/apps/${appId}/logs/${log.id}`}
                className="block truncate font-mono text-xs text-fg underline-offset-4 after:absolute after:inset-0 hover:underline"
                title={log.path}
              >
                {log.path}
                <span className="sr-only"> — details of request {log.id}</span>
              </Link>
            </TD>
            <TD>
              <HttpStatusBadge status={log.status} />
            </TD>
            <TD className="text-right whitespace-nowrap tabular-nums">
              {Math.round(log.latency_ms)}
              <span className="text-fg-muted"> ms</span>
            </TD>
            <TD className="font-mono text-xs whitespace-nowrap text-fg-muted">{log.key_prefix ?? "docs"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
