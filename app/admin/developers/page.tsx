import type { Metadata } from "next";
import { AdminHeader, AdminNav } from "@/components/admin/admin-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatDate } from "@/components/dashboard/format-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listAdminDevelopers } from "@/lib/admin/admin-overview";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin";

export const metadata: Metadata = { title: "Developers · Admin", robots: { index: false, follow: false } };

export default async function AdminDevelopersPage() {
  await requirePlatformAdminPage();
  const developers = await listAdminDevelopers();
  return (
    <DashboardShell crumbs={[{ label: "Admin", href: "/admin" }, { label: "Developers" }]}>
      <AdminHeader title="Developers" description="Everyone with a portal account, newest first." />
      <AdminNav current="developers" />
      <Table>
        <TableCaption className="sr-only">Developers</TableCaption>
        <THead>
          <tr>
            <TH>Name</TH>
            <TH>Email</TH>
            <TH className="text-right">Teams</TH>
            <TH>Signed up</TH>
          </tr>
        </THead>
        <TBody>
          {developers.map((developer) => (
            <TR key={developer.id}>
              <TD>
                <span className="flex items-center gap-2">
                  {developer.name}
                  {developer.platform_admin && <Badge tone="brand">platform admin</Badge>}
                </span>
              </TD>
              <TD className="font-mono text-xs">{developer.email}</TD>
              <TD className="text-right tabular-nums">{developer.teams}</TD>
              <TD className="whitespace-nowrap">{formatDate(developer.created_at)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </DashboardShell>
  );
}
