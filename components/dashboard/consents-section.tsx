import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconShield } from "@/components/ui/icons";
import { Alert } from "@/components/ui/alert";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ConsentSummary } from "@/lib/consents/list-app-consents";
import { formatDate, formatExact } from "./format-time";
import { RevokeConsentButton } from "./revoke-consent-button";
import { SectionHeader } from "./section-header";

const tones: Record<ConsentSummary["status"], BadgeTone> = { authorised: "success", revoked: "neutral", expired: "warning" };

/** The app's consents, as the bank holds them (fetched over the internal hop). */
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
            Test customers who granted this app access, newest first. Also at <Code>GET /v1/consents</Code>; expiry follows the sandbox
            clock.
          </>
        }
      />
      {"error" in consents ? (
        <Alert tone="error">{consents.error}</Alert>
      ) : consents.length === 0 ? (
        <EmptyState icon={<IconShield size={22} />} title="No consents yet">
          Run the consent flow (or <Code>POST /v1/sandbox/consents</Code>) and they appear here.
        </EmptyState>
      ) : (
        <Table data-testid="consents-table">
          <TableCaption className="sr-only">Consents granted to this app</TableCaption>
          <THead>
            <tr>
              <TH>Consent</TH>
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
            {consents.map((consent) => (
              <TR key={consent.id} data-consent-id={consent.id}>
                <TD>
                  <span className="font-mono text-xs whitespace-nowrap">{consent.id}</span>
                  <span className="block text-xs text-fg-muted">{consent.source === "sandbox" ? "sandbox mint" : "customer login"}</span>
                </TD>
                <TD className="font-mono text-xs">{consent.persona ?? consent.customer_id}</TD>
                <TD className="text-xs">{consent.permissions.join(", ")}</TD>
                <TD className="text-xs">{consent.account_ids.length}</TD>
                <TD>
                  <Badge tone={tones[consent.status]} dot>
                    {consent.status}
                  </Badge>
                </TD>
                <TD className="whitespace-nowrap">
                  <time dateTime={consent.expires_at} title={formatExact(consent.expires_at)} className="text-fg-muted">
                    {formatDate(consent.expires_at)}
                  </time>
                </TD>
                {canRevoke && (
                  <TD className="text-right">
                    {consent.status === "authorised" && (
                      <RevokeConsentButton appId={appId} consentId={consent.id} customer={consent.persona ?? consent.customer_id} />
                    )}
                  </TD>
                )}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
