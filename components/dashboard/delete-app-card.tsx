"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmTextField, confirms } from "@/components/ui/confirm-text-field";
import { portalApi } from "@/lib/portal-api/portal-api-client";

function consequences(keys: number, webhooks: number): string {
  const stopping =
    keys === 0
      ? "Tokens of consents given to it stop working at the next call (its keys are revoked already)."
      : `${keys === 1 ? "Its working key stops" : `Its ${keys} working keys stop`} working at the next call, from your code and the API docs, and so do tokens of consents given to it.`;
  const endpoints = webhooks === 0 ? "" : webhooks === 1 ? ", its webhook endpoint" : `, its ${webhooks} webhook endpoints`;
  return `${stopping} Its OAuth client${endpoints} and request logs are deleted. The team's audit log keeps a record.`;
}

/**
 * The app page's danger zone (team owners and admins): deleting the app, confirmed by typing its
 * name, and by a fresh proof of identity when the last one is over 10 minutes old (the step-up dialog).
 */
export function DeleteAppCard({ appId, appName, keys, webhooks }: { appId: string; appName: string; keys: number; webhooks: number }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  return (
    <Card className="border-danger-border" data-testid="danger-zone">
      <CardHeader className="pb-5">
        <CardTitle>Danger zone</CardTitle>
        <CardDescription>
          Deleting the app stops its keys and consent tokens at once and removes its OAuth client, webhook endpoints and request logs for
          the whole team. It cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardFooter className="justify-start">
        <ActionDialog
          label="Delete app"
          variant="danger"
          size="md"
          title={`Delete “${appName}”?`}
          description="This cannot be undone."
          confirmLabel="Delete app"
          pendingLabel="Deleting…"
          confirmDisabled={!confirms(typed, appName)}
          onOpen={() => setTyped("")}
          initialFocus="[data-confirm-input]"
          action={() => portalApi.DELETE("/api/apps/{appId}", { params: { path: { appId } } })}
          onDone={() => {
            router.push("/dashboard");
            router.refresh();
          }}
        >
          <p>{consequences(keys, webhooks)}</p>
          <ConfirmTextField expected={appName} value={typed} onChange={setTyped} what="the app's name" />
        </ActionDialog>
      </CardFooter>
    </Card>
  );
}
