"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionDialog } from "@/components/ui/action-dialog";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import type { SandboxReset } from "@/lib/sandbox/sandbox-dto";

/** Reset, behind a dialog that lists what goes and what stays, with the bare-reset choice. */
export function ResetButton({ appId }: { appId: string }) {
  const router = useRouter();
  const [bare, setBare] = useState(false);
  const [done, setDone] = useState<SandboxReset>();
  return (
    <div className="flex flex-col gap-3">
      <div>
        <ActionDialog
          label="Reset sandbox"
          variant="danger"
          size="md"
          title="Reset the sandbox?"
          description="Your app's sandbox goes back to its seed. Other apps' sandboxes are not touched."
          confirmLabel="Reset sandbox"
          pendingLabel="Resetting…"
          onOpen={() => setBare(false)}
          action={() =>
            portalApi.POST("/api/apps/{appId}/sandbox/reset", { params: { path: { appId } }, body: { keep_custom_customers: !bare } })
          }
          onDone={(result) => {
            setDone(result);
            router.refresh();
          }}
        >
          <div>
            <p className="font-medium text-fg">What goes</p>
            <ul className="mt-1 list-disc pl-5">
              <li>payments</li>
              <li>simulated transactions</li>
              <li>consents (their tokens stop working)</li>
              <li>the advanced clock: it is real time again</li>
              {bare && <li>your custom customers</li>}
            </ul>
          </div>
          <div>
            <p className="font-medium text-fg">What stays</p>
            <ul className="mt-1 list-disc pl-5">
              <li>the six personas, as seeded</li>
              {!bare && <li>your custom customers, rebuilt as you defined them</li>}
              <li>settings, snapshots and keys</li>
            </ul>
          </div>
          <label className="flex items-start gap-2 text-fg">
            <input
              type="checkbox"
              className="mt-1 size-4 accent-primary"
              checked={bare}
              onChange={(event) => setBare(event.target.checked)}
            />
            <span>Also remove my custom customers</span>
          </label>
        </ActionDialog>
      </div>
      {done && (
        <Alert tone="success" title="The sandbox was reset" data-testid="reset-result">
          {done.customers} customers, {done.accounts} accounts and {done.transactions} transactions restored
          {done.custom_customers !== null && `, ${done.custom_customers} custom customer${done.custom_customers === 1 ? "" : "s"} kept`}.
          The clock is real time again.
        </Alert>
      )}
    </div>
  );
}
