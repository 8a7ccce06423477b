import type { Metadata } from "next";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { SectionHeader } from "@/components/dashboard/section-header";
import { ClockPanel } from "@/components/sandbox/clock-panel";
import { CustomerEditor } from "@/components/sandbox/customer-editor";
import { CustomersPanel } from "@/components/sandbox/customers-panel";
import { FromCode } from "@/components/sandbox/from-code";
import { ResetButton } from "@/components/sandbox/reset-panel";
import { SnapshotsPanel } from "@/components/sandbox/snapshots-panel";
import { UnavailablePanel } from "@/components/sandbox/unavailable-panel";
import { Alert } from "@/components/ui/alert";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { portalOrigin } from "@/lib/http/portal-url";
import { loadSandboxTab } from "@/lib/sandbox/load-sandbox-tab";
import { sandboxCurl } from "@/lib/sandbox/sandbox-curl";
import type { Snapshot } from "@/lib/sandbox/sandbox-dto";
import { can } from "@/lib/teams/permissions";

type Props = { params: Promise<{ appId: string }> };

export const metadata: Metadata = { title: "Sandbox" };

export default async function SandboxPage({ params }: Props) {
  const { appId } = await params;
  const { app, role } = await loadAppPage(appId, "/sandbox", "app:read");
  const tab = await loadSandboxTab({ appId: app.id });
  const origin = portalOrigin();
  const canAct = can(role, "key:use");

  return (
    <DashboardShell
      crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: app.name, href: `/dashboard/apps/${app.id}` }, { label: "Sandbox" }]}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
      <AppNav appId={app.id} current="sandbox" />

      <section aria-labelledby="customers-title" className="flex flex-col gap-4">
        <SectionHeader
          id="customers-title"
          title="Test customers"
          description="The personas and your custom customers, with their accounts and balances on the sandbox's clock. Each logs in on the bank's consent pages as the username shown."
        />
        {"error" in tab.customers ? (
          <Alert tone="error">{tab.customers.error}</Alert>
        ) : (
          <CustomersPanel appId={app.id} customers={tab.customers.data} canAct={canAct} />
        )}
        <FromCode
          what="list the test customers"
          code={sandboxCurl(origin, "GET", tab.customAvailable ? "/v1/sandbox/customers" : "/v1/customers")}
        />
      </section>

      <section aria-labelledby="editor-title" className="flex flex-col gap-4">
        <SectionHeader
          id="editor-title"
          title="Define a custom customer"
          description="Identity, KYC outcome, credit profile, accounts and a generated history, as a documented JSON document."
        />
        {!tab.customAvailable ? (
          <UnavailablePanel feature="Custom customers" endpoint="POST /v1/sandbox/customers" />
        ) : canAct ? (
          <CustomerEditor appId={app.id} origin={origin} />
        ) : (
          <p className="text-sm text-fg-muted">Viewers can see the customers; a developer of the team can define new ones.</p>
        )}
      </section>

      <section aria-labelledby="snapshots-title" className="flex flex-col gap-4">
        <SectionHeader
          id="snapshots-title"
          title="Snapshots"
          description="Take a named copy of the whole sandbox, restore it later, or move it as a file."
        />
        {"error" in (tab.snapshots ?? {}) ? (
          <Alert tone="error">{(tab.snapshots as { error: string }).error}</Alert>
        ) : tab.snapshots === null ? (
          <UnavailablePanel feature="Snapshots" endpoint="POST /v1/sandbox/snapshots" />
        ) : (
          <SnapshotsPanel appId={app.id} snapshots={tab.snapshots as Snapshot[]} origin={origin} canAct={canAct} />
        )}
      </section>

      <section aria-labelledby="clock-title" className="flex flex-col gap-4">
        <SectionHeader
          id="clock-title"
          title="Clock"
          description="Balances, payments and new transactions use the sandbox's clock. Advancing it books what became due on the way."
        />
        {"error" in tab.clock ? (
          <Alert tone="error">{tab.clock.error}</Alert>
        ) : (
          <ClockPanel appId={app.id} clock={tab.clock} origin={origin} canAct={canAct} />
        )}
      </section>

      <section aria-labelledby="reset-title" className="flex flex-col gap-4">
        <SectionHeader
          id="reset-title"
          title="Reset"
          description="Back to the seed: the six personas with the same ids and balances as on your first call, and the clock in real time."
        />
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {canAct ? (
            <ResetButton appId={app.id} />
          ) : (
            <p className="text-sm text-fg-muted">Viewers cannot reset; a developer of the team can.</p>
          )}
          <FromCode what="reset the sandbox" code={sandboxCurl(origin, "POST", "/v1/sandbox/reset", { keep_custom_customers: true })} />
        </div>
      </section>
    </DashboardShell>
  );
}
