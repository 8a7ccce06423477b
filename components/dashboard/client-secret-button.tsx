"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { IconKey } from "@/components/ui/icons";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Generate / Rotate secret": a confirmation (rotation kills the old secret), then the one-time reveal. */
export function ClientSecretButton({ appId, hasSecret }: { appId: string; hasSecret: boolean }) {
  const label = hasSecret ? "Rotate secret" : "Generate secret";
  return (
    <ActionDialog
      label={label}
      icon={<IconKey />}
      variant={hasSecret ? "secondary" : "primary"}
      size="md"
      title={hasSecret ? "Rotate the client secret?" : "Generate a client secret"}
      description="Your server sends it with the client id to the token endpoint."
      confirmLabel={label}
      pendingLabel={hasSecret ? "Rotating…" : "Generating…"}
      confirmVariant={hasSecret ? "danger" : "primary"}
      className="max-w-xl text-left whitespace-normal"
      action={() => portalApi.POST("/api/apps/{appId}/oauth-client/secret", { params: { path: { appId } } })}
      reveal={{
        title: "Your client secret",
        description: "This is the only time the full secret is shown.",
        render: ({ client_secret }) => (
          <div data-testid="client-secret-reveal">
            <OneTimeSecret
              id="client-secret-value"
              label="Client secret"
              testId="revealed-client-secret"
              secret={client_secret}
              warning="Keep it on your server only, never in a browser or mobile app. We keep only a hash."
            />
          </div>
        ),
      }}
    >
      {hasSecret ? (
        <p>
          The current secret stops working immediately. Token requests with it will fail with <code>invalid_client</code> until you deploy
          the new one.
        </p>
      ) : (
        <p>You need it to exchange authorization codes for tokens.</p>
      )}
    </ActionDialog>
  );
}
