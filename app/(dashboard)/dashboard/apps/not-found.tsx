import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconSearch } from "@/components/ui/icons";

export default function AppNotFound() {
  return (
    <DashboardShell crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: "App not found" }]}>
      <EmptyState icon={<IconSearch size={22} />} title="No such app" action={<ButtonLink href="/dashboard">Back to your apps</ButtonLink>}>
        It may have been deleted, or it belongs to a team you are not in.
      </EmptyState>
    </DashboardShell>
  );
}
