import type { Metadata } from "next";
import { AppCard } from "@/components/dashboard/app-card";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconBook, IconKey } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { listApps } from "@/lib/apps/list-apps";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Apps" };

export default async function DashboardPage() {
  const user = await requireUser({ callbackUrl: "/dashboard" });
  const apps = await listApps({ userId: user.id });

  return (
    <DashboardShell crumbs={[{ label: "Dashboard" }]}>
      <PageHeader
        title="Apps"
        description="Each app has its own sandbox keys and its own simulated bank, seeded with test customers."
        actions={
          <ButtonLink href="/dashboard/apps/new">
            Create app
          </ButtonLink>
        }
      />
      {apps.length === 0 ? (
        <EmptyState
          icon={<IconKey size={22} />}
          title="Register your first app to get a sandbox key"
          action={
            <div className="flex flex-wrap justify-center gap-3">
              <ButtonLink href="/dashboard/apps/new">Create your first app</ButtonLink>
              <ButtonLink href="/docs/api" variant="secondary" icon={<IconBook />}>
                Browse the API
              </ButtonLink>
            </div>
          }
        >
          Give it a name and you get a key straight away, ready for your first call to the sandbox bank. It takes a few
          seconds.
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
