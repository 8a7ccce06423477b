import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { networkLabel, signInMethodLabel } from "@/components/account/session-labels";
import { SignOutOthersButton } from "@/components/account/sign-out-others-button";
import { SignOutSessionButton } from "@/components/account/sign-out-session-button";
import { formatExact, formatRelative } from "@/components/dashboard/format-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { IconDevices } from "@/components/ui/icons";
import { requireUser } from "@/lib/auth/require-user";
import { getCurrentSession } from "@/lib/sessions/current-session";
import { listSessions } from "@/lib/sessions/manage-sessions";

export const metadata: Metadata = { title: "Sessions" };

function Time({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatExact(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/** The sessions, with the one clock their relative times are measured from. */
async function loadSessions() {
  const session = (await getCurrentSession())!;
  return { sessions: await listSessions(session.user.id, session.id), now: Date.now() };
}

/** Every browser signed in to the account, this one first; each can be signed out, or all but this one. */
export default async function AccountSessionsPage() {
  await requireUser({ callbackUrl: "/account/sessions" });
  const { sessions, now } = await loadSessions();
  const others = sessions.filter((row) => !row.current).length;

  return (
    <AccountShell current="sessions">
      <Card>
        <CardHeader>
          <CardTitle>Where you&apos;re signed in</CardTitle>
          <CardDescription>
            Every browser signed in to your account. A session you sign out stops working at its next request, on the portal and in the API
            docs. Locations are approximate: the network a browser connected from, never its full address.
          </CardDescription>
        </CardHeader>
        <ul className="mt-4 divide-y divide-border border-t border-border" data-testid="sessions-list" aria-label="Active sessions">
          {sessions.map((row) => {
            const network = networkLabel(row.ip_prefix);
            return (
              <li key={row.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6" data-testid="session-row">
                <div className="flex min-w-0 flex-1 gap-3">
                  <span
                    aria-hidden="true"
                    className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-surface-muted text-fg-muted"
                  >
                    <IconDevices size={18} />
                  </span>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-fg">
                      <span title={row.user_agent || undefined}>{row.device}</span>
                      {row.current && (
                        <Badge tone="success" dot>
                          This device
                        </Badge>
                      )}
                    </p>
                    <p className="mt-0.5 text-sm text-fg-muted">
                      <span title="Approximate: the network the browser connected from (IPv4 /24, IPv6 /48)">{network}</span>
                      <span aria-hidden="true"> · </span>
                      {signInMethodLabel(row.method)}
                    </p>
                    <p className="mt-0.5 text-sm text-fg-muted">
                      Signed in <Time iso={row.created_at} now={now} />
                      <span aria-hidden="true"> · </span>
                      {row.current ? (
                        "Active now"
                      ) : (
                        <>
                          Last seen <Time iso={row.last_seen_at} now={now} />
                        </>
                      )}
                    </p>
                  </div>
                </div>
                <div className="shrink-0 pl-12 sm:pl-0">
                  {row.current ? (
                    <span className="text-sm text-fg-muted">Sign out from the account menu</span>
                  ) : (
                    <SignOutSessionButton sessionId={row.id} device={row.device} network={network} />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        <CardFooter className="justify-between">
          <p className="text-sm text-fg-muted">
            {others === 0 ? "No other sessions." : `${others === 1 ? "1 other session" : `${others} other sessions`}.`}
          </p>
          {others > 0 && <SignOutOthersButton others={others} />}
        </CardFooter>
      </Card>
    </AccountShell>
  );
}
