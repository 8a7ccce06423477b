import type { Metadata } from "next";
import Link from "next/link";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact } from "@/components/dashboard/format-time";
import { GradeBadge } from "@/components/readiness/grade-badge";
import { StartReadinessRunButton } from "@/components/readiness/start-readiness-run-button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { READINESS_CHECKS } from "@/lib/readiness/check-catalogue";
import { listReadinessRuns } from "@/lib/readiness/list-readiness-runs";
import { can } from "@/lib/teams/permissions";

type Props = { params: Promise<{ appId: string }> };

export const metadata: Metadata = { title: "Readiness" };

export default async function ReadinessPage({ params }: Props) {
  const { appId } = await params;
  const { app, role } = await loadAppPage(appId, "/readiness");
  const { data: runs } = await listReadinessRuns({ appId: app.id });
  const running = runs.find((run) => run.status === "running");
  return (
    <DashboardShell
      crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: app.name, href: `/dashboard/apps/${app.id}` }, { label: "Readiness" }]}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
      <AppNav appId={app.id} current="readiness" />
      <Card>
        <CardHeader>
          <CardTitle>Partner readiness</CardTitle>
          <CardDescription>
            A run grades your own integration from its real traffic: your webhook endpoints get a forged signature, a duplicate and
            out-of-order events; your payment POSTs get a 503 and a timeout, and a call gets a 429. Faults reach only this app and stop when
            the run ends. A passed run is your go-live evidence.
          </CardDescription>
        </CardHeader>
        <CardBody className="flex flex-col gap-4 text-sm">
          <ol className="list-decimal pl-5 text-fg-muted">
            {READINESS_CHECKS.map((check) => (
              <li key={check.id}>
                <span className="font-medium text-fg">{check.title}:</span> {check.description}
              </li>
            ))}
          </ol>
          {running ? (
            <p>
              A run is in progress:{" "}
              <Link className="text-primary underline-offset-4 hover:underline" href={`/dashboard/apps/${app.id}/readiness/${running.id}`}>
                follow it
              </Link>
              .
            </p>
          ) : (
            can(role, "key:use") && app.status === "active" && <StartReadinessRunButton appId={app.id} />
          )}
        </CardBody>
      </Card>
      <section aria-labelledby="runs-title" className="flex flex-col gap-3">
        <h2 id="runs-title" className="text-lg font-semibold text-fg">
          Runs
        </h2>
        {runs.length === 0 ? (
          <p className="text-sm text-fg-muted">No run yet.</p>
        ) : (
          <ul className="divide-y divide-border rounded-card border border-border bg-surface text-sm shadow-card">
            {runs.map((run) => (
              <li key={run.id} className="flex flex-wrap items-center gap-3 px-5 py-3">
                <GradeBadge value={run.status} />
                <Link
                  className="font-mono text-xs text-primary underline-offset-4 hover:underline"
                  href={`/dashboard/apps/${app.id}/readiness/${run.id}`}
                >
                  {run.id}
                </Link>
                <span className="text-fg-muted">
                  {run.progress.done}/{run.progress.total} checks
                </span>
                <span className="ml-auto text-xs text-fg-muted">{formatExact(run.started_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </DashboardShell>
  );
}
