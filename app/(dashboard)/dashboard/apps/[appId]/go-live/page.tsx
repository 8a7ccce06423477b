import type { Metadata } from "next";
import { AppNav } from "@/components/dashboard/app-nav";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact } from "@/components/dashboard/format-time";
import { GoLiveForm } from "@/components/go-live/go-live-form";
import { EvidenceList, GoLiveBadge } from "@/components/go-live/go-live-status";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadAppPage } from "@/lib/apps/load-app-page";
import { listAppGoLiveRequests } from "@/lib/go-live/get-go-live-status";
import { computeSandboxEvidence } from "@/lib/go-live/sandbox-evidence";
import { can } from "@/lib/teams/permissions";

type Props = { params: Promise<{ appId: string }> };

export const metadata: Metadata = { title: "Go live" };

export default async function GoLivePage({ params }: Props) {
  const { appId } = await params;
  const { user, app, role } = await loadAppPage(appId, "/go-live");
  const [requests, evidence] = await Promise.all([listAppGoLiveRequests({ appId: app.id }), computeSandboxEvidence({ appId: app.id })]);
  const current = requests[0];
  const open = current && (current.status === "pending" || current.status === "approved");
  const mayApply = can(role, "app:update") && app.status === "active";

  return (
    <DashboardShell
      crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: app.name, href: `/dashboard/apps/${app.id}` }, { label: "Go live" }]}
    >
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{app.name}</h1>
        <GoLiveBadge status={current?.status ?? "none"} />
      </div>
      <AppNav appId={app.id} current="go-live" />

      {current && (
        <Alert
          tone={current.status === "approved" ? "success" : current.status === "rejected" ? "error" : "info"}
          role="note"
          title={
            current.status === "approved"
              ? "Production access approved"
              : current.status === "rejected"
                ? "The last request was rejected"
                : "Your request is waiting for review"
          }
        >
          <p>
            Submitted {formatExact(current.created_at)}
            {current.decided_at && `, decided ${formatExact(current.decided_at)}`}.
          </p>
          {current.review_note && (
            <p className="mt-1">
              Reviewer&apos;s note: <q data-testid="review-note">{current.review_note}</q>
            </p>
          )}
          {current.status === "rejected" && <p className="mt-1">Address the note and submit the checklist again below.</p>}
        </Alert>
      )}

      <Card>
        <CardHeader>
          <CardTitle>Sandbox test run</CardTitle>
          <CardDescription>Evidence the platform team checks: computed from real calls, not declared.</CardDescription>
        </CardHeader>
        <CardBody>
          <EvidenceList evidence={evidence} />
        </CardBody>
      </Card>

      {!open && (
        <Card>
          <CardHeader>
            <CardTitle>Request production access</CardTitle>
            <CardDescription>
              {mayApply
                ? evidence.passed
                  ? "Fill in the checklist; a platform admin reviews it, usually within two working days."
                  : `Make successful sandbox calls on ${evidence.required_endpoints - evidence.endpoints.length} more endpoint(s) first.`
                : app.status !== "active"
                  ? "A suspended app cannot request production access."
                  : `Your role (${role}) cannot request production access; ask a developer, admin or owner of the team.`}
            </CardDescription>
          </CardHeader>
          <CardBody>
            <GoLiveForm appId={app.id} defaultContact={{ name: user.name, email: user.email }} canSubmit={mayApply && evidence.passed} />
          </CardBody>
        </Card>
      )}
    </DashboardShell>
  );
}
