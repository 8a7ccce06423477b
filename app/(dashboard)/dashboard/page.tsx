import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AppCard } from "@/components/dashboard/app-card";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconBook, IconKey, IconUsers } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { TeamSwitcher } from "@/components/teams/team-switcher";
import { listApps } from "@/lib/apps/list-apps";
import { requireUser } from "@/lib/auth/require-user";
import { currentTeamId } from "@/lib/teams/current-team-from-cookies";
import { listTeams } from "@/lib/teams/list-teams";
import { blockedTeamIds } from "@/lib/team-policies/two-factor-policy";
import { can } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "Apps" };

export default async function DashboardPage() {
  const user = await requireUser({ callbackUrl: "/dashboard" });
  const [teams, teamId, blocked] = await Promise.all([listTeams({ userId: user.id }), currentTeamId(user.id), blockedTeamIds(user.id)]);
  // A team whose two-factor policy shuts the user out is not shown: the dashboard falls back to another and says why.
  const usable = teams.filter((candidate) => !blocked.includes(candidate.id));
  const shutOut = teams.find((candidate) => candidate.id === teamId && blocked.includes(candidate.id));
  const team = usable.find((candidate) => candidate.id === teamId) ?? usable[0];
  // Everyone owns a personal team they cannot leave; without any team, start by creating one.
  if (!team) redirect(shutOut ? "/account/security" : "/dashboard/teams");
  const apps = await listApps({ userId: user.id, teamId: team.id });
  const canCreate = can(team.role, "app:create");

  return (
    <DashboardShell crumbs={[{ label: "Dashboard" }]}>
      <PageHeader
        title="Apps"
        description="Each app has its own sandbox keys and its own simulated bank, seeded with test customers."
        actions={
          <>
            <ButtonLink href={`/dashboard/teams/${team.id}`} variant="secondary" icon={<IconUsers />}>
              Team settings
            </ButtonLink>
            {canCreate && <ButtonLink href="/dashboard/apps/new">Create app</ButtonLink>}
          </>
        }
      />
      {shutOut && (
        <Alert
          tone="warning"
          title={`${shutOut.name} requires two-factor authentication`}
          action={
            <ButtonLink href="/account/security" size="sm" variant="secondary">
              Set up two-factor
            </ButtonLink>
          }
        >
          Its apps are hidden until you set up an authenticator app or a passkey. Showing {team.name} instead.
        </Alert>
      )}
      <div className="-mt-2 flex flex-wrap items-center justify-between gap-3">
        <TeamSwitcher teams={teams.map(({ id, name, role }) => ({ id, name, role }))} currentId={team.id} />
        <ButtonLink href="/dashboard/teams" variant="ghost" size="sm">
          All teams
        </ButtonLink>
      </div>
      {apps.length === 0 ? (
        <EmptyState
          icon={<IconKey size={22} />}
          title={canCreate ? "Register your first app to get a sandbox key" : `${team.name} has no apps yet`}
          action={
            <div className="flex flex-wrap justify-center gap-3">
              {canCreate && <ButtonLink href="/dashboard/apps/new">Create your first app</ButtonLink>}
              <ButtonLink href="/docs/api" variant="secondary" icon={<IconBook />}>
                Browse the API
              </ButtonLink>
            </div>
          }
        >
          Give it a name and you get a key straight away, ready for your first call to the sandbox bank. It takes a few seconds.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Your apps">
          {apps.map((app) => (
            <li key={app.id} className="grid grid-cols-1">
              <AppCard app={app} />
            </li>
          ))}
        </ul>
      )}
    </DashboardShell>
  );
}
