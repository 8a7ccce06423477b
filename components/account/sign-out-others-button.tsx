"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { IconLogOut } from "@/components/ui/icons";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Sign out all other sessions", confirmed: every browser but this one must sign in again. */
export function SignOutOthersButton({ others }: { others: number }) {
  return (
    <ActionDialog
      label="Sign out all other sessions"
      icon={<IconLogOut />}
      title="Sign out every other session?"
      confirmLabel={`Sign out ${others === 1 ? "1 session" : `${others} sessions`}`}
      pendingLabel="Signing out…"
      action={() => portalApi.POST("/api/account/sessions/revoke-others")}
    >
      <p>
        {others === 1 ? "The other browser" : `The ${others} other browsers`} signed in to your account stop working at their next request.
        This one stays signed in.
      </p>
    </ActionDialog>
  );
}
