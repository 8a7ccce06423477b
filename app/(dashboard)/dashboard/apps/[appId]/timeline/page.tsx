import type { Metadata } from "next";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { SectionHeader } from "@/components/dashboard/section-header";
import { TimelineView, type TimelinePageData } from "@/components/timeline/timeline-view";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { can } from "@/lib/teams/permissions";
import { listTimeline, timelineQuery } from "@/lib/timeline/list-timeline";
import { AppError } from "@openbank/contracts/errors";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Timeline" };

/** The first page (or the page around `?q=`); an id not in the timeline shows the newest page and says so. */
async function loadFirstPage(appId: string, q: string): Promise<{ page: TimelinePageData; notFound: boolean; renderedAt: number }> {
  const query = timelineQuery.safeParse(q ? { q } : {});
  if (query.success) {
    try {
      return { page: await listTimeline({ appId, query: query.data }), notFound: false, renderedAt: Date.now() };
    } catch (error) {
      if (!(error instanceof AppError && error.code === "resource_not_found")) throw error;
    }
  }
  return { page: await listTimeline({ appId, query: timelineQuery.parse({}) }), notFound: Boolean(q), renderedAt: Date.now() };
}

export default async function TimelinePage({ params, searchParams }: Props) {
  const { appId } = await params;
  const { app, role } = await loadAppPage(appId, "/timeline", "logs:read");
  const rawQ = (await searchParams).q;
  const q = typeof rawQ === "string" ? rawQ.trim().slice(0, 100) : "";
  const { page, notFound, renderedAt } = await loadFirstPage(app.id, q);

  return (
    <DashboardShell
      crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: app.name, href: `/dashboard/apps/${app.id}` }, { label: "Timeline" }]}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
      <AppNav appId={app.id} current="timeline" />
      <section aria-labelledby="timeline-title" className="flex flex-col gap-4">
        <SectionHeader
          id="timeline-title"
          title="Timeline"
          description="Everything that happened to this app, newest first: calls, webhook deliveries, consents, key and client changes, sandbox controls. It updates while you watch."
        />
        {notFound && (
          <p role="status" className="rounded-card border border-warning-border bg-warning-soft px-4 py-3 text-sm text-warning">
            Nothing in this app&apos;s timeline has the id <span className="font-mono">{q}</span>. Showing the newest items.
          </p>
        )}
        <TimelineView
          appId={app.id}
          initial={page}
          initialQ={notFound ? "" : q}
          canResend={can(role, "webhook:manage")}
          renderedAt={renderedAt}
        />
      </section>
    </DashboardShell>
  );
}
