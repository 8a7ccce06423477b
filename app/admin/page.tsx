import type { Metadata } from "next";
import { AdminHeader, AdminNav } from "@/components/admin/admin-nav";
import { RangeSwitcher, UsageView } from "@/components/analytics/usage-view";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { adminCounts } from "@/lib/admin/admin-overview";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin";
import { getUsage } from "@/lib/analytics/get-usage";
import { parseUsageRange } from "@/lib/analytics/usage-summary";

export const metadata: Metadata = { title: "Admin", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await requirePlatformAdminPage();
  const query = await searchParams;
  const range = parseUsageRange(typeof query.range === "string" ? query.range : undefined);
  const [counts, usage] = await Promise.all([adminCounts(), getUsage({ appIds: "all", range })]);
  const tiles = [
    { label: "Developers", value: counts.developers },
    { label: "Teams", value: counts.teams },
    { label: "Apps", value: counts.apps },
    { label: "Suspended apps", value: counts.suspended_apps },
    { label: "Go-live requests waiting", value: counts.pending_go_live },
  ];
  return (
    <DashboardShell crumbs={[{ label: "Admin" }]}>
      <AdminHeader title="Programme overview" description="Everyone on the sandbox, their apps and traffic, and what needs a decision." />
      <AdminNav current="overview" pending={counts.pending_go_live} />
      <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map((tile) => (
          <div key={tile.label} className="rounded-card border border-border bg-surface px-5 py-4 shadow-card">
            <dt className="text-xs font-medium text-fg-muted">{tile.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-fg tabular-nums">{tile.value.toLocaleString("en-GB")}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="volume-title" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="volume-title" className="text-lg font-semibold text-fg">
            Request volume, all apps
          </h2>
          <RangeSwitcher range={range} hrefFor={(option) => `/admin?range=${option}`} />
        </div>
        <UsageView usage={usage} scopeLabel="any app" />
      </section>
    </DashboardShell>
  );
}
