import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatExact, formatRelative } from "@/components/dashboard/format-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconShield } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { AUDIT_ACTIONS, auditActions } from "@/lib/audit/audit-actions";
import { listAuditEvents, parseAuditQuery } from "@/lib/audit/list-audit-events";
import { AppError } from "@openbank/contracts/errors";
import { can } from "@/lib/teams/permissions";
import { loadTeam } from "../load-team";

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Audit log" };

function metadataText(metadata: Record<string, unknown>): string {
  return Object.entries(metadata)
    .filter(([, value]) => value !== null && value !== "")
    .map(([key, value]) => `${key.replaceAll("_", " ")}: ${Array.isArray(value) ? value.join(", ") || "none" : String(value)}`)
    .join(" · ");
}

async function loadPage(teamId: string, query: URLSearchParams) {
  return { ...(await listAuditEvents({ teamId, query: parseAuditQuery(query) })), renderedAt: Date.now() };
}

/** Owners and admins only (the 403 is the server's, like the API's). */
export default async function AuditPage({ params, searchParams }: Props) {
  const { teamId } = await params;
  const path = `/dashboard/teams/${teamId}/audit`;
  const { access } = await loadTeam(teamId, "team:read", path);
  const crumbs = [
    { label: "Dashboard", href: "/dashboard" },
    { label: "Teams", href: "/dashboard/teams" },
    { label: access.teamName, href: `/dashboard/teams/${teamId}` },
    { label: "Audit log" },
  ];
  const raw = await searchParams;
  const query = new URLSearchParams();
  for (const name of ["action", "cursor"]) if (typeof raw[name] === "string") query.set(name, raw[name] as string);

  let page;
  try {
    if (!can(access.role, "audit:read")) throw new AppError("forbidden");
    page = await loadPage(teamId, query);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <DashboardShell crumbs={crumbs}>
        <PageHeader title="Audit log" />
        <Alert
          tone={error.code === "forbidden" ? "warning" : "error"}
          title={error.code === "forbidden" ? "Owners and admins only" : "That filter is not valid"}
        >
          {error.code === "forbidden" ? `Your role (${access.role}) cannot read this team's audit log.` : "Choose an action from the list."}
        </Alert>
      </DashboardShell>
    );
  }
  const action = query.get("action") ?? "";
  const now = page.renderedAt;

  return (
    <DashboardShell crumbs={crumbs}>
      <PageHeader title="Audit log" description={`Every security-relevant change in ${access.teamName}: who did it, when, from where.`} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Select id="audit-action" name="action" defaultValue={action} className="min-w-60">
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((value) => (
              <option key={value} value={value}>
                {auditActions[value]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {(action || query.get("cursor")) && (
          <ButtonLink href={path} variant="ghost">
            Clear
          </ButtonLink>
        )}
      </form>

      {page.data.length === 0 ? (
        <EmptyState icon={<IconShield size={22} />} title={action ? "No events of this kind" : "No events yet"}>
          Key, member and invitation changes appear here as they happen.
        </EmptyState>
      ) : (
        <Table data-testid="audit-table">
          <TableCaption className="sr-only">Audit events, newest first</TableCaption>
          <THead>
            <tr>
              <TH>When</TH>
              <TH>Action</TH>
              <TH>Target</TH>
              <TH>Actor</TH>
              <TH>IP</TH>
            </tr>
          </THead>
          <TBody>
            {page.data.map((event) => (
              <TR key={event.id} data-action={event.action}>
                <TD className="whitespace-nowrap text-fg-muted">
                  <time dateTime={event.created_at} title={formatExact(event.created_at)}>
                    {formatRelative(event.created_at, now)}
                  </time>
                </TD>
                <TD>
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone={event.action.endsWith("revoked") || event.action.endsWith("removed") ? "warning" : "neutral"}>
                      {event.action_label}
                    </Badge>
                    {Object.keys(event.metadata).length > 0 && (
                      <span className="max-w-md text-xs text-fg-muted">{metadataText(event.metadata)}</span>
                    )}
                  </div>
                </TD>
                <TD>
                  <div className="flex flex-col">
                    <span className="font-medium">{event.target.name || event.target.id}</span>
                    <span className="font-mono text-xs text-fg-muted">{event.target.id}</span>
                  </div>
                </TD>
                <TD className="text-sm">{event.actor.email}</TD>
                <TD className="font-mono text-xs whitespace-nowrap text-fg-muted">{event.ip}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {page.next_cursor && (
        <div className="flex justify-end">
          <ButtonLink
            href={`${path}?${new URLSearchParams({ ...(action ? { action } : {}), cursor: page.next_cursor })}`}
            variant="secondary"
          >
            Older events
          </ButtonLink>
        </div>
      )}
    </DashboardShell>
  );
}
