import type { Metadata } from "next";
import Link from "next/link";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatDate, formatExact } from "@/components/dashboard/format-time";
import { RoleBadge } from "@/components/dashboard/status-badges";
import { CreateTeamButton } from "@/components/teams/create-team-button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/require-user";
import { listTeams } from "@/lib/teams/list-teams";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await requireUser({ callbackUrl: "/dashboard/teams" });
  const teams = await listTeams({ userId: user.id });

  return (
    <DashboardShell crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: "Teams" }]}>
      <PageHeader
        title="Teams"
        description="Apps and keys belong to a team. Invite colleagues and give each the role they need."
        actions={<CreateTeamButton />}
      />
      <Table data-testid="teams-table">
        <TableCaption className="sr-only">Your teams</TableCaption>
        <THead>
          <tr>
            <TH>Team</TH>
            <TH>Your role</TH>
            <TH>Members</TH>
            <TH>Apps</TH>
            <TH>Created</TH>
          </tr>
        </THead>
        <TBody>
          {teams.map((team) => (
            <TR key={team.id}>
              <TD>
                <Link
                  href={`/dashboard/teams/${team.id}`}
                  className="font-medium text-fg underline-offset-4 hover:text-primary hover:underline"
                >
                  {team.name}
                </Link>
                {team.personal && <span className="ml-2 text-xs text-fg-muted">personal</span>}
              </TD>
              <TD>
                <RoleBadge role={team.role} />
              </TD>
              <TD className="tabular-nums">{team.member_count}</TD>
              <TD className="tabular-nums">{team.app_count}</TD>
              <TD className="whitespace-nowrap text-fg-muted">
                <time dateTime={team.created_at} title={formatExact(team.created_at)}>
                  {formatDate(team.created_at)}
                </time>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </DashboardShell>
  );
}
