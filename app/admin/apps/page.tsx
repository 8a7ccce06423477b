import type { Metadata } from "next";
import Form from "next/form";
import { AdminHeader, AdminNav } from "@/components/admin/admin-nav";
import { SuspendAppButton } from "@/components/admin/suspend-app-button";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatDate } from "@/components/dashboard/format-time";
import { AppStatusBadge } from "@/components/dashboard/status-badges";
import { GoLiveBadge } from "@/components/go-live/go-live-status";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listAdminApps } from "@/lib/admin/admin-overview";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin";

export const metadata: Metadata = { title: "Apps · Admin", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAppsPage({ searchParams }: Props) {
  await requirePlatformAdminPage();
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 100) : "";
  const apps = await listAdminApps({ query });
  return (
    <DashboardShell crumbs={[{ label: "Admin", href: "/admin" }, { label: "Apps" }]}>
      <AdminHeader
        title="Apps"
        description="Every registered app, its traffic in the last 7 days and its standing. Suspending stops its keys on the next call."
      />
      <AdminNav current="apps" />
      <Form action="/admin/apps" role="search" className="flex max-w-md gap-2">
        <label htmlFor="app-search" className="sr-only">
          Search apps
        </label>
        <Input id="app-search" name="q" defaultValue={query} placeholder="App name, id or team" />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </Form>
      <Table data-testid="admin-apps">
        <TableCaption className="sr-only">Apps</TableCaption>
        <THead>
          <tr>
            <TH>App</TH>
            <TH>Team</TH>
            <TH>Status</TH>
            <TH>Go-live</TH>
            <TH className="text-right">Requests (7 d)</TH>
            <TH>Created</TH>
            <TH className="text-right">Action</TH>
          </tr>
        </THead>
        <TBody>
          {apps.map((app) => (
            <TR key={app.id} data-app-id={app.id}>
              <TD>
                <span className="block font-medium text-fg">{app.name}</span>
                <span className="font-mono text-xs text-fg-muted">{app.id}</span>
                {app.suspended_reason && <span className="mt-1 block max-w-xs text-xs text-danger">Reason: {app.suspended_reason}</span>}
              </TD>
              <TD>{app.team_name}</TD>
              <TD>
                <AppStatusBadge status={app.status} />
              </TD>
              <TD>
                <GoLiveBadge status={app.go_live} />
              </TD>
              <TD className="text-right tabular-nums">{app.requests_7d.toLocaleString("en-GB")}</TD>
              <TD className="whitespace-nowrap">{formatDate(app.created_at)}</TD>
              <TD className="text-right">
                <SuspendAppButton appId={app.id} appName={app.name} suspended={app.status === "suspended"} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </DashboardShell>
  );
}
