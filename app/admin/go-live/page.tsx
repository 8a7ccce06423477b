import type { Metadata } from "next";
import { AdminHeader, AdminNav } from "@/components/admin/admin-nav";
import { GoLiveReview } from "@/components/admin/go-live-review";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact } from "@/components/dashboard/format-time";
import { EvidenceList, GoLiveBadge } from "@/components/go-live/go-live-status";
import { ReadinessEvidence } from "@/components/readiness/readiness-evidence";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconShield } from "@/components/ui/icons";
import { listGoLiveReviews } from "@/lib/admin/list-go-live-reviews";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin";

export const metadata: Metadata = { title: "Go-live reviews · Admin", robots: { index: false, follow: false } };

export default async function GoLiveReviewsPage() {
  await requirePlatformAdminPage();
  const reviews = await listGoLiveReviews();
  const pending = reviews.filter((review) => review.status === "pending");
  const decided = reviews.filter((review) => review.status !== "pending");
  return (
    <DashboardShell crumbs={[{ label: "Admin", href: "/admin" }, { label: "Go-live reviews" }]}>
      <AdminHeader
        title="Go-live reviews"
        description="Production access requests, oldest first, with the evidence computed from each app's sandbox traffic."
      />
      <AdminNav current="go-live" pending={pending.length} />
      {pending.length === 0 && <EmptyState icon={<IconShield size={22} />} title="Nothing to review" />}
      {pending.map((review) => (
        <Card key={review.id} data-testid="go-live-review">
          <CardHeader className="flex-row flex-wrap items-center justify-between">
            <CardTitle>
              {review.app_name} <span className="font-normal text-fg-muted">· {review.team_name}</span>
            </CardTitle>
            <span className="text-xs text-fg-muted">
              Submitted {formatExact(review.created_at)} by {review.submitted_by}
            </span>
          </CardHeader>
          <CardBody className="grid gap-6 lg:grid-cols-2">
            <dl className="grid gap-3 text-sm">
              <div>
                <dt className="text-xs font-medium text-fg-muted">Contact</dt>
                <dd className="text-fg">
                  {review.contact_name} · {review.contact_email}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-fg-muted">Use case</dt>
                <dd className="whitespace-pre-line text-fg">{review.use_case}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-fg-muted">Data protection</dt>
                <dd className="text-fg">
                  {review.data_protection.data_controller}; DPO {review.data_protection.dpo_email}; purpose:{" "}
                  {review.data_protection.purpose}; kept {review.data_protection.retention_days} days; credentials encrypted:{" "}
                  {review.data_protection.encrypts_credentials ? "yes" : "no"}
                </dd>
              </div>
            </dl>
            <div className="flex flex-col gap-5">
              <ReadinessEvidence run={review.readiness} />
              <details className="text-sm">
                <summary className="cursor-pointer text-fg-muted">Endpoints that answered 2xx (secondary)</summary>
                <div className="mt-2">
                  <EvidenceList evidence={review.evidence} />
                </div>
              </details>
              <GoLiveReview requestId={review.id} appName={review.app_name} />
            </div>
          </CardBody>
        </Card>
      ))}
      {decided.length > 0 && (
        <section aria-labelledby="decided-title" className="flex flex-col gap-3">
          <h2 id="decided-title" className="text-lg font-semibold text-fg">
            Recently decided
          </h2>
          <ul className="divide-y divide-border rounded-card border border-border bg-surface text-sm shadow-card">
            {decided.map((review) => (
              <li key={review.id} className="flex flex-wrap items-center gap-3 px-5 py-3">
                <GoLiveBadge status={review.status} />
                <span className="font-medium text-fg">{review.app_name}</span>
                <span className="text-fg-muted">{review.team_name}</span>
                {review.review_note && <q className="text-fg-muted">{review.review_note}</q>}
                <span className="ml-auto text-xs text-fg-muted">{review.decided_at && formatExact(review.decided_at)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </DashboardShell>
  );
}
