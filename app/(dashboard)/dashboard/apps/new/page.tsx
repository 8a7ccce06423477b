import type { Metadata } from "next";
import { CreateAppForm } from "@/components/dashboard/create-app-form";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { currentTeamId } from "@/lib/teams/current-team-from-cookies";

export const metadata: Metadata = { title: "Create an app" };

export default async function NewAppPage() {
  const user = await requireUser({ callbackUrl: "/dashboard/apps/new" });
  const teamId = (await currentTeamId(user.id)) ?? undefined;
  return (
    <DashboardShell crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: "New app" }]}>
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
        <PageHeader title="Create an app" description="You get a sandbox key as soon as it is created. Everything can be changed later." />
        <Card>
          <CardBody className="sm:py-6">
            <CreateAppForm teamId={teamId} />
          </CardBody>
        </Card>
      </div>
    </DashboardShell>
  );
}
