import type { Metadata } from "next";
import Link from "next/link";
import { UsageView, RangeSwitcher } from "@/components/analytics/usage-view";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { SectionHeader } from "@/components/dashboard/section-header";
import { getUsage } from "@/lib/analytics/get-usage";
import { readableTeamAppIds } from "@/lib/analytics/usage-scope";
import { parseUsageRange, type UsageRange } from "@/lib/analytics/usage-summary";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { cn } from "@/lib/cn";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ params, searchParams }: Props) {
  const { appId } = await params;
  const { user, app } = await loadAppPage(appId, "/analytics", "logs:read");
  const query = await searchParams;
  const range = parseUsageRange(typeof query.range === "string" ? query.range : undefined);
  const team = query.scope === "team";
  const appIds = team ? await readableTeamAppIds({ teamId: app.team_id, userId: user.id }) : [app.id];
  const usage = await getUsage({ appIds, range });
  const base = `/dashboard/apps/${app.id}/analytics`;
  const href = (next: { range?: UsageRange; team?: boolean }) => {
    const params = new URLSearchParams({ range: next.range ?? range });
    if (next.team ?? team) params.set("scope", "team");
    return `${base}?${params}`;
  };
  const scopeLink = (active: boolean) =>
    cn("rounded-[0.4rem] px-3 py-1.5 text-sm font-medium", active ? "bg-surface-muted text-fg" : "text-fg-muted hover:text-fg");

  return (
    <DashboardShell
      crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: app.name, href: `/dashboard/apps/${app.id}` }, { label: "Analytics" }]}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
      <AppNav appId={app.id} current="analytics" />
      <section aria-labelledby="usage-title" className="flex flex-col gap-6">
        <SectionHeader
          id="usage-title"
          title="Usage"
          description={team ? `All ${appIds.length} apps of ${app.team_name}.` : "Requests through the gateway with this app's keys."}
          actions={
            <>
              <nav aria-label="Scope" className="inline-flex rounded-control border border-border bg-surface p-0.5">
                <Link href={href({ team: false })} aria-current={!team ? "page" : undefined} className={scopeLink(!team)}>
                  This app
                </Link>
                <Link href={href({ team: true })} aria-current={team ? "page" : undefined} className={scopeLink(team)}>
                  Whole team
                </Link>
              </nav>
              <RangeSwitcher range={range} hrefFor={(option) => href({ range: option })} />
            </>
          }
        />
        <UsageView usage={usage} scopeLabel={team ? "the team" : "the app"} />
      </section>
    </DashboardShell>
  );
}
