import { Code } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import type { OAuthClientDto } from "@/lib/oauth-clients/oauth-client-dto";
import { ClientSecretButton } from "./client-secret-button";
import { formatDate, formatExact } from "./format-time";
import { RedirectUrisForm } from "./redirect-uris-form";
import { SectionHeader } from "./section-header";

/** The app's OAuth client: client id, secret (shown once, rotatable) and redirect URIs. */
export function OAuthClientSection({
  appId,
  client,
  portalUrl,
  canEdit,
  canRotate,
}: {
  appId: string;
  client: OAuthClientDto;
  portalUrl: string;
  canEdit: boolean;
  canRotate: boolean;
}) {
  return (
    <section aria-labelledby="oauth-title" className="flex flex-col gap-4" data-testid="oauth-client">
      <SectionHeader
        id="oauth-title"
        title="OAuth client"
        description={
          <>
            For customer consent (authorization code + PKCE): send customers to <Code>{portalUrl}/oauth/authorize</Code> and exchange codes
            at <Code>{portalUrl}/oauth/token</Code>. See the{" "}
            <a className="text-primary underline" href="/docs/consent-flow">
              consent-flow guide
            </a>
            .
          </>
        }
        actions={canRotate ? <ClientSecretButton appId={appId} hasSecret={client.secret_prefix !== null} /> : undefined}
      />
      <div className="grid gap-5 rounded-card border border-border bg-surface px-5 py-4 shadow-card md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <dl className="flex flex-col gap-4 text-sm">
          <div>
            <dt className="text-xs font-medium text-fg-muted">Client ID</dt>
            <dd className="mt-0.5 flex items-center gap-1">
              <span className="truncate font-mono text-fg" data-testid="client-id">
                {client.client_id}
              </span>
              <CopyButton value={client.client_id} label="client ID" className="-my-1" />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-fg-muted">Client secret</dt>
            <dd className="mt-1 text-fg">
              {client.secret_prefix ? (
                <>
                  <span className="font-mono text-xs">{client.secret_prefix}</span>{" "}
                  <span className="text-fg-muted">
                    · created{" "}
                    <time dateTime={client.secret_created_at!} title={formatExact(client.secret_created_at!)}>
                      {formatDate(client.secret_created_at!)}
                    </time>
                  </span>
                </>
              ) : (
                <span className="text-fg-muted">None yet. Generate one to exchange codes for tokens.</span>
              )}
            </dd>
          </div>
        </dl>
        <RedirectUrisForm appId={appId} initial={client.redirect_uris} canEdit={canEdit} />
      </div>
    </section>
  );
}
