"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { ConfirmTextField, confirms } from "@/components/ui/confirm-text-field";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/**
 * "Delete account", confirmed by typing the email address (and, past 10 minutes since the last
 * proof, by the step-up dialog the call asks for). Afterwards the browser's cookie is cleared and
 * the goodbye page says what happened.
 */
export function DeleteAccountButton({ email, teamsDeleted }: { email: string; teamsDeleted: number }) {
  const [typed, setTyped] = useState("");
  return (
    <ActionDialog
      label="Delete account"
      variant="danger"
      size="md"
      title="Delete your account?"
      description="This cannot be undone."
      confirmLabel="Delete my account"
      pendingLabel="Deleting…"
      confirmDisabled={!confirms(typed, email)}
      onOpen={() => setTyped("")}
      initialFocus="[data-confirm-input]"
      action={() => portalApi.DELETE("/api/account")}
      onDone={async () => {
        await signOut({ redirect: false }).catch(() => undefined);
        // A full load, not a client navigation: nothing of the deleted account's pages stays in the router's cache.
        window.location.replace("/account-deleted");
      }}
    >
      <p>
        Your profile, sign-in factors and sessions are deleted now
        {teamsDeleted > 0
          ? `, with ${teamsDeleted === 1 ? "the team" : `the ${teamsDeleted} teams`} only you belong to and their apps and keys`
          : ""}
        . You leave your other teams; audit entries stay, without your name or email.
      </p>
      <ConfirmTextField expected={email} value={typed} onChange={setTyped} what="your email address" />
    </ActionDialog>
  );
}
