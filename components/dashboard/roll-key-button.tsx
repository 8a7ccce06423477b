"use client";

import { useState } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Code } from "@/components/ui/code";
import type { KeyDto } from "@/lib/keys/key-dto";
import { OVERLAP_PRESETS } from "@/lib/keys/key-lifecycle";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { formatExact } from "./format-time";
import { KeyReveal } from "./key-reveal";

const DEFAULT_OVERLAP = 24 * 60 * 60;

/**
 * "Roll": a new key at once, and a choice of how long the old one keeps working (so a
 * deploy can switch over), then the one-time reveal of the new secret.
 */
export function RollKeyButton({ appId, apiKey, portalUrl }: { appId: string; apiKey: KeyDto; portalUrl: string }) {
  const [overlap, setOverlap] = useState(DEFAULT_OVERLAP);

  return (
    <ActionDialog
      label="Roll"
      ariaLabel={`Roll ${apiKey.name}`}
      variant="secondary"
      title={`Roll “${apiKey.name}”?`}
      description="You get a new key now. Choose how long the old one keeps working."
      confirmLabel="Roll key"
      pendingLabel="Rolling…"
      confirmVariant="primary"
      className="max-w-xl text-left whitespace-normal"
      onOpen={() => setOverlap(DEFAULT_OVERLAP)}
      // Start on the selected choice (24 h), as arrow keys move within the radio group.
      initialFocus="input:checked"
      action={() =>
        portalApi.POST("/api/apps/{appId}/keys/{keyId}/roll", {
          params: { path: { appId, keyId: apiKey.id } },
          body: { overlap_seconds: overlap },
        })
      }
      reveal={{
        title: `“${apiKey.name}” was rolled`,
        description: "This is the only time the new secret is shown.",
        render: (rolled) => (
          <div data-testid="roll-reveal" className="flex flex-col gap-4">
            <p className="text-sm text-fg-muted">
              The old key <Code>{apiKey.prefix}</Code>{" "}
              {rolled.old_key.status === "expired" ? (
                <>
                  has stopped working: calls with it now answer <Code>401 expired_api_key</Code>.
                </>
              ) : (
                <>
                  keeps working until {formatExact(rolled.old_key.expires_at ?? "")}, then answers <Code>401 expired_api_key</Code>.
                </>
              )}
            </p>
            <KeyReveal secret={rolled.secret} portalUrl={portalUrl} appId={appId} keyId={rolled.key.id} idPrefix={`roll-${apiKey.id}`} />
          </div>
        ),
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1.5 text-sm font-medium text-fg">
          The old key <Code>{apiKey.prefix}</Code> stops working
        </legend>
        {OVERLAP_PRESETS.map((preset) => (
          <label
            key={preset.seconds}
            className="flex cursor-pointer items-center gap-3 rounded-control border border-border px-3 py-2.5 text-sm text-fg has-checked:border-primary has-checked:bg-primary-soft/40"
          >
            <input
              type="radio"
              name={`roll-${apiKey.id}-overlap`}
              value={preset.seconds}
              checked={overlap === preset.seconds}
              onChange={() => setOverlap(preset.seconds)}
              className="accent-primary"
            />
            {preset.label}
          </label>
        ))}
      </fieldset>
      <p>The new key has the same permissions{apiKey.expires_at ? " and expiry" : ""}. Deploy it, then let the old one run out.</p>
    </ActionDialog>
  );
}
