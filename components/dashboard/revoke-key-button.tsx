"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { Code } from "@/components/ui/code";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Revoke", confirmed in a dialog that says what happens: the very next call fails. */
export function RevokeKeyButton({ appId, keyId, keyName, prefix }: { appId: string; keyId: string; keyName: string; prefix: string }) {
  return (
    <ActionDialog
      label="Revoke"
      ariaLabel={`Revoke ${keyName}`}
      title={`Revoke “${keyName}”?`}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      action={() => portalApi.DELETE("/api/apps/{appId}/keys/{keyId}", { params: { path: { appId, keyId } } })}
    >
      <p>
        The next call with <Code>{prefix}</Code> fails at once with <Code>401 revoked_api_key</Code>, from your code and from the API docs.
        This cannot be undone.
      </p>
      <p>If something still uses this key, create a new one and switch over first.</p>
    </ActionDialog>
  );
}
