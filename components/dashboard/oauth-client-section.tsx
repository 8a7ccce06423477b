import Link from "next/link";
import { Code } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import type { RegisteredClientDto } from "@/lib/directory/registered-client-dto";
import type { OAuthClientDto } from "@/lib/oauth-clients/oauth-client-dto";
import { ClientSecretButton } from "./client-secret-button";
import { formatDate, formatExact } from "./format-time";
import { RedirectUrisForm } from "./redirect-uris-form";
import { RegisteredClientsList } from "./registered-clients-list";
import { SectionHeader } from "./section-header";
import { SecurityProfileForm } from "./security-profile-form";
import { SoftwareStatementButton } from "./software-statement-button";
import { TppCertificateCard } from "./tpp-certificate-card";
import type { TppCertificateDto } from "@/lib/tpp-certificates/tpp-certificate-dto";

/**
 * The app's OAuth client: client id, secret (shown once, rotatable) and redirect URIs; then its
 * security profile and keys, a software statement for dynamic client registration and the
 * clients registered with it, and the Berlin Group test certificate.
 */
export function OAuthClientSection({
  appId,
  client,
  registeredClients,
  portalUrl,
  canEdit,
  canRotate,
  tppCertificate,
  renderedAt,
  canRevokeCertificate,
}: {
  appId: string;
  client: OAuthClientDto;
  registeredClients: RegisteredClientDto[] | { error: string };
  portalUrl: string;
  canEdit: boolean;
  canRotate: boolean;
  tppCertificate: TppCertificateDto | null;
  renderedAt: number;
  canRevokeCertificate: boolean;
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
            <Link className="text-primary underline" href="/docs/guides/consent-flow">
              consent-flow guide
            </Link>
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
      <div
        className="flex flex-col gap-5 rounded-card border border-border bg-surface px-5 py-4 shadow-card"
        data-testid="security-profile"
      >
        <div>
          <h3 className="text-base font-semibold text-fg">Security profile</h3>
          <p className="mt-1 text-sm text-fg-muted">
            How strictly the bank treats this client. Rehearse FAPI 2.0 here before a regulated bank tests you against it.
          </p>
        </div>
        <SecurityProfileForm appId={appId} client={client} canEdit={canEdit} />
        <TppCertificateCard
          appId={appId}
          certificate={tppCertificate}
          now={renderedAt}
          canIssue={canRotate}
          canRevoke={canRevokeCertificate}
        />
        <div className="flex flex-col gap-3 border-t border-border pt-4" data-testid="dynamic-registration">
          <div>
            <h3 className="text-base font-semibold text-fg">Dynamic client registration</h3>
            <p className="mt-1 text-sm text-fg-muted">
              The portal is the sandbox&rsquo;s directory: it signs a software statement with this app&rsquo;s id, name, redirect URIs and
              keys, for the bank&rsquo;s <Code>/oauth/register</Code>. Banks verify it with <Code>{portalUrl}/directory/jwks.json</Code>.
            </p>
          </div>
          {canEdit ? (
            <SoftwareStatementButton appId={appId} />
          ) : (
            <p className="text-sm text-fg-muted">Developers, admins and the owner can get a software statement.</p>
          )}
          <RegisteredClientsList clients={registeredClients} portalUrl={portalUrl} canEdit={canEdit} />
        </div>
      </div>
    </section>
  );
}
