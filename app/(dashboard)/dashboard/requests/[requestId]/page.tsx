import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconArrowRight, IconSearch } from "@/components/ui/icons";
import { requireUser } from "@/lib/auth/require-user";
import { env } from "@/lib/env";
import { findRequestLogApp } from "@/lib/request-logs/find-request-log-app";
import { pastedRequestId, requestHref } from "@/lib/request-logs/request-id";

type Props = { params: Promise<{ requestId: string }> };

export const metadata: Metadata = { title: "Find a request" };

/**
 * Where a pasted `req_…` goes (the Logs filter, the docs search): the request in the log of
 * whichever of the user's apps made it, or a page saying it is not there.
 */
export default async function FindRequestPage({ params }: Props) {
  const { requestId: raw } = await params;
  const requestId = pastedRequestId(decodeURIComponent(raw));
  const user = await requireUser({ callbackUrl: requestHref(raw) });
  const found = requestId ? await findRequestLogApp({ userId: user.id, requestId }) : null;
  if (found) redirect(`/dashboard/apps/${found.appId}/logs/${requestId}`);

  return (
    <DashboardShell crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: "Find a request" }]}>
      <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">Find a request</h1>
      <EmptyState
        icon={<IconSearch size={22} />}
        title={requestId ? `No request ${requestId} in your apps' logs` : "That is not a request id"}
        action={
          <ButtonLink href="/dashboard" variant="secondary" icon={<IconArrowRight />}>
            Your apps
          </ButtonLink>
        }
      >
        <p className="break-all">
          {requestId
            ? `Logs keep each call for ${env().REQUEST_LOG_RETENTION_DAYS} days, and only calls made with your team's keys or tokens are here. Check the id, or open the app's Logs page.`
            : "Request ids look like req_ followed by letters and digits, as in the X-Request-Id header and every error's request_id."}
        </p>
      </EmptyState>
    </DashboardShell>
  );
}
