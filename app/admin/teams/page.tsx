import type { Metadata } from "next";
import { AdminHeader, AdminNav } from "@/components/admin/admin-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatDate } from "@/components/dashboard/format-time";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listAdminTeams } from "@/lib/admin/admin-overview";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin";

export const metadata: Metadata = { title: "Teams · Admin", robots: { index: false, follow: false } };

export default async function AdminTeamsPage() {
  await requirePlatformAdminPage();
  const teams = await listAdminTeams();
  return (
    <DashboardShell crumbs={[{ label: "Admin", href: "/admin" }, { label: "Teams" }]}>
      <AdminHeader title="Teams" description="Teams, their size, apps and traffic in the last 7 days." />
      <AdminNav current="teams" />
      <Table>
        <TableCaption className="sr-only">Teams</TableCaption>
        <THead>
          <tr>
            <TH>Team</TH>
            <TH className="text-right">Members</TH>
            <TH className="text-right">Apps</TH>
            <TH className="text-right">Requests (7 d)</TH>
            <TH>Created</TH>
          </tr>
        </THead>
        <TBody>
          {teams.map((team) => (
            <TR key={team.id}>
              <TD>
                <span className="block text-fg">{team.name}</span>
                <span className="font-mono text-xs text-fg-muted">{team.id}</span>
              </TD>
              <TD className="text-right tabular-nums">{team.members}</TD>
              <TD className="text-right tabular-nums">{team.apps}</TD>
              <TD className="text-right tabular-nums">{team.requests_7d.toLocaleString("en-GB")}</TD>
              <TD className="whitespace-nowrap">{formatDate(team.created_at)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </DashboardShell>
  );
}
