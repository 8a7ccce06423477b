"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** "Start readiness run": starts it, then opens its live report. */
export function StartReadinessRunButton({ appId }: { appId: string }) {
  const router = useRouter();
  const action = useApiAction();
  async function start() {
    const done = await action.run(() => portalApi.POST("/api/apps/{appId}/readiness-runs", { params: { path: { appId } } }));
    if (done?.data) router.push(`/dashboard/apps/${appId}/readiness/${done.data.id}`);
  }
  return (
    <div className="flex flex-col items-start gap-3">
      <Button onClick={start} loading={action.pending}>
        Start readiness run
      </Button>
      {action.error && <Alert tone="error">{action.error}</Alert>}
    </div>
  );
}
