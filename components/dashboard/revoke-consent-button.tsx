"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { Code } from "@/components/ui/code";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Revoke", confirmed in a dialog: at the bank, whatever standard the consent came from; its tokens stop at once. */
export function RevokeConsentButton({
  appId,
  consentId,
  description,
  consequence,
}: {
  appId: string;
  consentId: string;
  /** What the consent is, e.g. "UK Open Banking account access of good_credit". */
  description: string;
  /** What revoking does, in the consent's own terms. */
  consequence: string;
}) {
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
        <Code>{consentId}</Code> ({description}) ends now. {consequence} A <Code>consent.revoked</Code> event is recorded, and the consent
        reads <Code>revoked_by: developer</Code>.
      </p>
    </ActionDialog>
  );
}
