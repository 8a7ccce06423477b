import Link from "next/link";
import { IconArrowRight, IconUsers } from "@/components/ui/icons";
import type { AppSummary } from "@/lib/apps/list-apps";
import { formatDate, formatExact } from "./format-time";
import { AppStatusBadge } from "./status-badges";

/** One app on the dashboard. The whole card is the link (its name), so it reads once to screen readers. */
export function AppCard({ app }: { app: AppSummary }) {
  return (
    <article className="group relative flex flex-col rounded-card border border-border bg-surface shadow-card transition-colors hover:border-border-strong has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-ring">
      <div className="flex flex-1 flex-col gap-3 p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 className="min-w-0 text-base font-semibold text-fg">
            <Link
              href={`/dashboard/apps/${app.id}`}
              className="block truncate after:absolute after:inset-0 after:rounded-card focus-visible:outline-none"
              title={app.name}
            >
              {app.name}
            </Link>
          </h2>
          <AppStatusBadge status={app.status} />
        </div>
        <p className={app.description ? "line-clamp-2 text-sm text-fg-muted" : "text-sm text-fg-subtle italic"}>
          {app.description || "No description"}
        </p>
        <p className="flex items-center gap-1.5 text-sm text-fg-muted">
          <IconUsers className="shrink-0" />
          <span className="truncate">{app.team_name}</span>
        </p>
        <dl className="mt-auto grid grid-cols-2 gap-3 border-t border-border pt-3">
          <div>
            <dt className="text-xs text-fg-muted">Active keys</dt>
            <dd className="text-lg font-semibold text-fg tabular-nums">{app.active_keys}</dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">Requests (24 h)</dt>
            <dd className="text-lg font-semibold text-fg tabular-nums">{app.requests_24h.toLocaleString("en")}</dd>
          </div>
        </dl>
      </div>
      <div className="flex items-center justify-between gap-3 rounded-b-card border-t border-border bg-surface-muted/60 px-5 py-2.5 text-xs text-fg-muted">
        <span>
          Created{" "}
          <time dateTime={app.created_at} title={formatExact(app.created_at)}>
            {formatDate(app.created_at)}
          </time>
        </span>
        <IconArrowRight className="text-fg-subtle transition-transform group-hover:translate-x-0.5 group-hover:text-fg" />
      </div>
    </article>
  );
}
