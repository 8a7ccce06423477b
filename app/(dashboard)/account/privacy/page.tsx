import type { Metadata } from "next";
import Link from "next/link";
import { AccountShell } from "@/components/account/account-shell";
import { DeleteAccountButton } from "@/components/account/delete-account-button";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { IconDownload } from "@/components/ui/icons";
import { accountTeams, type AccountTeam } from "@/lib/account/account-teams";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Data & privacy" };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function TeamList({ teams, label, note }: { teams: AccountTeam[]; label: string; note: (team: AccountTeam) => string }) {
  return (
    <ul aria-label={label} className="mt-2 flex flex-col gap-1.5">
      {teams.map((team) => (
        <li key={team.teamId} className="text-sm">
          <Link href={`/dashboard/teams/${team.teamId}`} className="font-medium text-primary underline-offset-4 hover:underline">
            {team.name}
          </Link>
          <span className="text-fg-muted"> · {note(team)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Data rights: a copy of everything the portal holds about the developer, and deleting the account. */
export default async function AccountPrivacyPage() {
  const user = await requireUser({ callbackUrl: "/account/privacy" });
  const teams = await accountTeams(user.id);
  const blocking = teams.filter((team) => team.fate === "block");
  const deleted = teams.filter((team) => team.fate === "delete");
  const left = teams.filter((team) => team.fate === "leave");

  return (
    <AccountShell current="privacy">
      <Card>
        <CardHeader>
          <CardTitle>Download your data</CardTitle>
          <CardDescription>
            One JSON file with everything the portal holds about you: your account, team memberships, the apps you created and their keys
            (names and prefixes, never the keys), audit entries of what you did, sessions, passkeys, single sign-on links and the
            invitations you sent. Passwords, secrets and hashes are never in it.
          </CardDescription>
        </CardHeader>
        <CardBody>
          {/* A plain link: the answer is an attachment, and the browser saves it. */}
          <a href="/api/account/export" download className={buttonClasses({ variant: "secondary" })}>
            <IconDownload />
            Download your data (JSON)
          </a>
        </CardBody>
      </Card>

      <Card className="border-danger-border" data-testid="delete-account-card">
        <CardHeader>
          <CardTitle>Delete account</CardTitle>
          <CardDescription>Deleting your account is immediate and cannot be undone.</CardDescription>
        </CardHeader>
        <CardBody className="flex flex-col gap-5 text-sm">
          <div className="grid gap-5 sm:grid-cols-2">
            <div>
              <h3 className="font-medium text-fg">What goes</h3>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-fg-muted">
                <li>Your profile: name, email address and password</li>
                <li>Authenticator app, recovery codes, passkeys and single sign-on links</li>
                <li>Every session: all your browsers are signed out</li>
                <li>Teams where you are the only member, with their apps, keys, webhooks and logs</li>
              </ul>
            </div>
            <div>
              <h3 className="font-medium text-fg">What stays</h3>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-fg-muted">
                <li>
                  Audit entries of your teams, with you shown as a pseudonym (<span className="whitespace-nowrap">deleted-user-…</span>)
                </li>
                <li>Apps, keys and invitations you created in others&apos; teams: they pass to each team&apos;s owner</li>
              </ul>
            </div>
          </div>

          {blocking.length > 0 && (
            <Alert tone="warning" role="note" title="Transfer these teams first" data-testid="blocking-teams">
              <p>
                You own {plural(blocking.length, "team")} with other members. They need an owner: transfer ownership to another member (or
                remove the other members) before you can delete your account.
              </p>
              <TeamList teams={blocking} label="Teams you must transfer" note={(team) => `${plural(team.members - 1, "other member")}`} />
            </Alert>
          )}
          {deleted.length > 0 && (
            <div>
              <h3 className="font-medium text-fg">Deleted with your account</h3>
              <TeamList teams={deleted} label="Teams deleted with your account" note={(team) => plural(team.apps, "app")} />
            </div>
          )}
          {left.length > 0 && (
            <div>
              <h3 className="font-medium text-fg">Teams you leave</h3>
              <TeamList teams={left} label="Teams you leave" note={(team) => `you are ${team.role}`} />
            </div>
          )}
        </CardBody>
        <CardFooter className="justify-start">
          {blocking.length > 0 ? (
            <p className="text-sm text-fg-muted">Deleting becomes possible once no team above depends on you.</p>
          ) : (
            <DeleteAccountButton email={user.email} teamsDeleted={deleted.length} />
          )}
        </CardFooter>
      </Card>
    </AccountShell>
  );
}
