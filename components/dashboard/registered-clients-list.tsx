import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Code } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { IconKey } from "@/components/ui/icons";
import type { RegisteredClientDto } from "@/lib/directory/registered-client-dto";
import { profileLabels } from "@/lib/oauth-clients/client-profile";
import { formatDate, formatExact } from "./format-time";

const GUIDE = "/docs/guides/openid-connect-fapi#registration";

/** The clients registered at the bank with this app's software statement (fetched over the internal hop), newest first. */
export function RegisteredClientsList({
  clients,
  portalUrl,
  canEdit,
}: {
  clients: RegisteredClientDto[] | { error: string };
  portalUrl: string;
  canEdit: boolean;
}) {
  return (
    <div className="mt-2 flex flex-col gap-2" data-testid="registered-clients">
      <h4 className="text-sm font-semibold text-fg">
        Registered clients
        {Array.isArray(clients) && clients.length > 0 && <span className="ml-1.5 font-normal text-fg-muted">{clients.length}</span>}
      </h4>
      {"error" in clients ? (
        <Alert tone="error" role="note">
          {clients.error}
        </Alert>
      ) : clients.length === 0 ? (
        <EmptyState
          className="py-6"
          icon={<IconKey size={22} />}
          title="No clients registered yet"
          action={
            <a className="text-sm font-medium text-primary underline" href={GUIDE}>
              Registration, step by step
            </a>
          }
        >
          {canEdit ? "Get a software statement above" : "A developer of the team gets a software statement"}, then <Code>POST</Code> it as{" "}
          <Code>software_statement</Code> with your redirect URIs to <Code>{portalUrl}/oauth/register</Code>. Each client it registers
          appears here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-border rounded-control border border-border" aria-label="Registered clients">
          {clients.map((client) => (
            <li
              key={client.client_id}
              data-client-id={client.client_id}
              className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6"
            >
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium break-words text-fg">{client.client_name}</span>
                  <Badge tone={client.profile === "fapi2" ? "brand" : "neutral"}>{profileLabels[client.profile]}</Badge>
                </div>
                <div className="mt-0.5 flex min-w-0 items-center gap-1">
                  <span className="truncate font-mono text-xs text-fg-muted" title={client.client_id} data-testid="registered-client-id">
                    {client.client_id}
                  </span>
                  <CopyButton value={client.client_id} label={`client ID of ${client.client_name}`} className="-my-1" />
                </div>
              </div>
              <dl className="flex shrink-0 flex-wrap gap-x-6 gap-y-1 text-xs sm:text-right">
                <div>
                  <dt className="text-fg-muted">Authentication</dt>
                  <dd className="mt-0.5 font-mono text-fg">{client.token_endpoint_auth_method}</dd>
                </div>
                <div>
                  <dt className="text-fg-muted">Registered</dt>
                  <dd className="mt-0.5 text-fg">
                    <time dateTime={client.created_at} title={formatExact(client.created_at)}>
                      {formatDate(client.created_at)}
                    </time>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
