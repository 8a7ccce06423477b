"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** Removes a custom customer, after saying what goes with it. */
export function DeleteCustomerButton({ appId, customerId, name }: { appId: string; customerId: string; name: string }) {
  return (
    <ActionDialog
      label="Remove"
      ariaLabel={`Remove ${name}`}
      variant="ghost"
      title={`Remove ${name}?`}
      confirmLabel="Remove customer"
      pendingLabel="Removing…"
      action={() => portalApi.DELETE("/api/apps/{appId}/sandbox/customers/{customerId}", { params: { path: { appId, customerId } } })}
    >
      <p>Their accounts and history go too, and a reset no longer rebuilds them. Consents they gave stop working.</p>
    </ActionDialog>
  );
}
