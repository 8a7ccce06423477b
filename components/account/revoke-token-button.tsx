"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Revoke" on one access token, confirmed: the next call with it answers 401. */
export function RevokeTokenButton({ tokenId, name, prefix }: { tokenId: string; name: string; prefix: string }) {
  return (
    <ActionDialog
      label="Revoke"
      ariaLabel={`Revoke token ${name}`}
      title={`Revoke “${name}”?`}
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      action={() => portalApi.DELETE("/api/account/tokens/{patId}", { params: { path: { patId: tokenId } } })}
    >
      <p>
        The token <span className="font-mono text-xs">{prefix}</span> stops working at once: the CLI or CI job using it gets 401 at its next
        call. This cannot be undone; create a new token to replace it.
      </p>
    </ActionDialog>
  );
}
