import { Badge } from "@/components/ui/badge";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconShield } from "@/components/ui/icons";
import { Alert } from "@/components/ui/alert";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ConsentSummary } from "@/lib/consents/list-app-consents";
import { ConnectedAppsButton } from "./connected-apps-button";
import {
  customerOf,
  isRevocable,
  kindLabels,
  permissionsOf,
  revokeConsequence,
  standardLabels,
  standardTones,
  statusLabel,
  statusTones,
  revokedByLabel,
} from "./consent-labels";
import { formatDate, formatExact } from "./format-time";
import { RevokeConsentButton } from "./revoke-consent-button";
import { SectionHeader } from "./section-header";

const SOURCES: Record<ConsentSummary["source"], string> = {
  sandbox: "sandbox mint",
  authorization_code: "customer login",
  client: "created by the app",
};

/** The app's consents from every API over the bank (/v1, UK Open Banking, Berlin Group), as the bank holds them. */
export function ConsentsSection({
  appId,
  consents,
  canRevoke,
}: {
  appId: string;
  consents: ConsentSummary[] | { error: string };
  canRevoke: boolean;
}) {
  return (
    <section aria-labelledby="consents-title" className="flex flex-col gap-4">
      <SectionHeader
        id="consents-title"
        title="Consents"
        description={
          <>
            Consents of this app from every API, newest first: /v1, UK Open Banking and the Berlin Group share one consent store. Also at{" "}
            <Code>GET /v1/consents</Code>; expiry follows the sandbox clock.
          </>
        }
        actions={canRevoke ? <ConnectedAppsButton appId={appId} /> : undefined}
      />
      {"error" in consents ? (
        <Alert tone="error">{consents.error}</Alert>
      ) : consents.length === 0 ? (
        <EmptyState icon={<IconShield size={22} />} title="No consents yet">
          Run the consent flow (or <Code>POST /v1/sandbox/consents</Code>), or create a consent through UK Open Banking or the Berlin Group,
          and they appear here.
        </EmptyState>
      ) : (
        <Table data-testid="consents-table">
          <TableCaption className="sr-only">Consents of this app, from every API</TableCaption>
          <THead>
            <tr>
              <TH>Consent</TH>
              <TH>Standard</TH>
              <TH>Customer</TH>
              <TH>Permissions</TH>
              <TH>Accounts</TH>
              <TH>Status</TH>
              <TH>Expires</TH>
              {canRevoke && (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              )}
            </tr>
          </THead>
          <TBody>
            {consents.map((consent) => {
              const permissions = permissionsOf(consent);
              const customer = customerOf(consent);
              return (
                <TR key={consent.id} data-consent-id={consent.id} data-standard={consent.standard}>
                  <TD>
                    <span className="font-mono text-xs whitespace-nowrap">{consent.id}</span>
                    <span className="block text-xs text-fg-muted">{SOURCES[consent.source]}</span>
                  </TD>
                  <TD>
                    <Badge tone={standardTones[consent.standard]}>{standardLabels[consent.standard]}</Badge>
                    <span className="mt-1 block text-xs whitespace-nowrap text-fg-muted">{kindLabels[consent.kind]}</span>
                  </TD>
                  <TD className="font-mono text-xs">{customer ?? <span className="font-sans text-fg-muted">not yet authorised</span>}</TD>
                  <TD className="max-w-64 text-xs break-words">
                    {permissions.length ? permissions.join(", ") : <span className="text-fg-muted">—</span>}
                  </TD>
                  <TD className="text-xs">{consent.account_ids.length}</TD>
                  <TD>
                    <Badge tone={statusTones[consent.status]} dot>
                      {statusLabel(consent.status)}
                    </Badge>
                    {consent.revoked_by && <span className="mt-1 block text-xs text-fg-muted">{revokedByLabel(consent.revoked_by)}</span>}
                  </TD>
                  <TD className="whitespace-nowrap">
                    {consent.expires_at ? (
                      <time dateTime={consent.expires_at} title={formatExact(consent.expires_at)} className="text-fg-muted">
                        {formatDate(consent.expires_at)}
                      </time>
                    ) : (
                      <span className="text-fg-muted">no expiry</span>
                    )}
                  </TD>
                  {canRevoke && (
                    <TD className="text-right">
                      {isRevocable(consent) && (
                        <RevokeConsentButton
                          appId={appId}
                          consentId={consent.id}
                          description={`${standardLabels[consent.standard]} ${kindLabels[consent.kind].toLowerCase()}${customer ? ` of ${customer}` : ""}`}
                          consequence={revokeConsequence(consent)}
                        />
                      )}
                    </TD>
                  )}
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </section>
  );
}
