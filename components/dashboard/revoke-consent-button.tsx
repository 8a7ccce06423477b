"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { Code } from "@/components/ui/code";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Revoke", confirmed in a dialog: the consent's tokens stop working at once, at the bank. */
export function RevokeConsentButton({ appId, consentId, customer }: { appId: string; consentId: string; customer: string }) {
  return (
    <ActionDialog
      label="Revoke"
      ariaLabel={`Revoke consent ${consentId}`}
      title="Revoke this consent?"
      confirmLabel="Revoke consent"
      pendingLabel="Revoking…"
      action={() => portalApi.DELETE("/api/apps/{appId}/consents/{consentId}", { params: { path: { appId, consentId } } })}
    >
      <p>
        <Code>{consentId}</Code> ({customer}) ends now: its access and refresh tokens answer <Code>401 consent_revoked</Code> from the next
        call, and a <Code>consent.revoked</Code> event is recorded. The customer would have to consent again.
      </p>
    </ActionDialog>
  );
}
