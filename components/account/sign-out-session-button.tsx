"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Sign out" on one of the developer's other sessions, confirmed: it stops at its next request. */
export function SignOutSessionButton({ sessionId, device, network }: { sessionId: string; device: string; network: string }) {
  return (
    <ActionDialog
      label="Sign out"
      ariaLabel={`Sign out ${device}, ${network}`}
      title={`Sign out ${device}?`}
      confirmLabel="Sign out"
      pendingLabel="Signing out…"
      action={() => portalApi.DELETE("/api/account/sessions/{sessionId}", { params: { path: { sessionId } } })}
    >
      <p>
        The browser on the {network} is signed out at its next request, and the API docs stop calling the sandbox with its session. Whoever
        uses it must sign in again, with your password and second factor.
      </p>
      <p>If you don&apos;t recognise it, change your password too.</p>
    </ActionDialog>
  );
}
