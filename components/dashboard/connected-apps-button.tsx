"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { IconUser } from "@/components/ui/icons";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * "Open the customer's connected-apps page": asks the portal for a signed link to the bank's page
 * for this app's sandbox (valid minutes, made at the click, never left in the page) and goes there.
 */
export function ConnectedAppsButton({ appId }: { appId: string }) {
  const action = useApiAction();

  async function open() {
    const done = await action.run(() => portalApi.POST("/api/apps/{appId}/connected-apps-link", { params: { path: { appId } } }));
    if (done) window.location.assign(done.data.url);
  }

  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <Button variant="secondary" icon={<IconUser />} onClick={open} loading={action.pending} data-testid="connected-apps-button">
        Open the customer&apos;s connected-apps page
      </Button>
      {action.error && <Alert tone="error">{action.error}</Alert>}
    </div>
  );
}
