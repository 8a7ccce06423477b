import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@openbank/contracts/errors";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact } from "@/components/dashboard/format-time";
import { ReadinessReport } from "@/components/readiness/readiness-report";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { getReadinessReport } from "@/lib/readiness/get-readiness-run";
import { can } from "@/lib/teams/permissions";

type Props = { params: Promise<{ appId: string; runId: string }> };

export const metadata: Metadata = { title: "Readiness report" };

export default async function ReadinessReportPage({ params }: Props) {
  const { appId, runId } = await params;
  const { app, role } = await loadAppPage(appId, `/readiness/${runId}`);
  const report = await getReadinessReport({ appId: app.id, runId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "resource_not_found") notFound();
    throw error;
  });
  return (
    <DashboardShell
      crumbs={[
        { label: "Dashboard", href: "/dashboard" },
        { label: app.name, href: `/dashboard/apps/${app.id}` },
        { label: "Readiness", href: `/dashboard/apps/${app.id}/readiness` },
        { label: runId },
      ]}
    >
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">Readiness report</h1>
        <p className="text-sm text-fg-muted">
          <span className="font-mono">{report.id}</span> · started {formatExact(report.started_at)}
        </p>
      </div>
      <AppNav appId={app.id} current="readiness" />
      <ReadinessReport initial={report} mayCancel={can(role, "key:use")} />
    </DashboardShell>
  );
}
