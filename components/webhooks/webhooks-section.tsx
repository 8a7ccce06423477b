import Link from "next/link";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconWebhook } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { SectionHeader } from "@/components/dashboard/section-header";
import type { EventTypeInfo } from "@/lib/webhooks/bank-outbox";
import type { EndpointDto } from "@/lib/webhooks/endpoint-dto";
import { AddEndpointButton } from "./add-endpoint-button";
import { EndpointStatusBadge } from "./endpoint-status-badge";

/** The app's webhook endpoints, each linking to its delivery log. */
export function WebhooksSection({
  appId,
  endpoints,
  eventTypes,
  canManage,
}: {
  appId: string;
  endpoints: EndpointDto[];
  eventTypes: EventTypeInfo[];
  canManage: boolean;
}) {
  return (
    <section aria-labelledby="webhooks-title" className="flex flex-col gap-4">
      <SectionHeader
        id="webhooks-title"
        title="Webhooks"
        description={
          <>
            Signed POSTs of this app&apos;s sandbox events, retried until they succeed.{" "}
            <Link className="underline" href="/docs/guides/webhooks">
              How to verify them
            </Link>
            ; fire one with <Code>POST /v1/sandbox/webhooks/fire</Code>.
          </>
        }
        actions={canManage ? <AddEndpointButton appId={appId} eventTypes={eventTypes} /> : undefined}
      />
      {endpoints.length === 0 ? (
        <EmptyState icon={<IconWebhook size={22} />} title="No endpoints yet">
          {canManage
            ? "Add an endpoint to receive payment, transaction, KYC and account events."
            : "Someone with developer access can add one."}
        </EmptyState>
      ) : (
        <Table data-testid="webhooks-table">
          <TableCaption className="sr-only">Webhook endpoints of this app</TableCaption>
          <THead>
            <tr>
              <TH>Endpoint</TH>
              <TH>Events</TH>
              <TH>Status</TH>
            </tr>
          </THead>
          <TBody>
            {endpoints.map((endpoint) => (
              <TR key={endpoint.id} data-endpoint-id={endpoint.id}>
                <TD className="max-w-md">
                  <Link
                    href={`/dashboard/apps/${encodeURIComponent(appId)}/webhooks/${encodeURIComponent(endpoint.id)}`}
                    className="block truncate font-mono text-xs font-medium text-fg hover:underline"
                    title={endpoint.url}
                  >
                    {endpoint.url}
                  </Link>
                  {endpoint.description && <span className="block truncate text-xs text-fg-muted">{endpoint.description}</span>}
                </TD>
                <TD className="text-sm text-fg-muted">
                  {endpoint.event_types.length === 0 ? "All events" : endpoint.event_types.join(", ")}
                </TD>
                <TD>
                  <EndpointStatusBadge status={endpoint.status} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
