"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import type { DocsConsent } from "./docs-consent";

const PERMISSIONS = ["accounts:read", "transactions:read", "payments:write"] as const;

/**
 * "Authorise as persona …": mints a sandbox consent for the picked key's app (the same as
 * POST /v1/sandbox/consents), after which Try-it-out calls customer-data endpoints with
 * that consent's token, seeing only what the persona shared.
 */
export function PersonaConsentPanel(props: {
  appId: string | null;
  personas: { key: string; display_name: string }[];
  consent: DocsConsent | null;
  onChange: (consent: DocsConsent | null) => void;
}) {
  const { appId, personas, consent, onChange } = props;
  const [persona, setPersona] = useState(personas[0]?.key ?? "good_credit");
  const [permissions, setPermissions] = useState<Array<(typeof PERMISSIONS)[number]>>([...PERMISSIONS]);
  const { run, pending, error: message, fields } = useApiAction();
  // This panel has no field of its own to show a problem beside: one message for all.
  const error = message ?? (Object.keys(fields).length ? Object.values(fields).join(" ") : undefined);
  const id = useId();

  async function authorise() {
    if (!appId) return;
    const done = await run(() =>
      portalApi.POST("/api/apps/{appId}/sandbox-consents", { params: { path: { appId } }, body: { persona, permissions } }),
    );
    if (!done) return;
    const { access_token, scope, consent } = done.data;
    onChange({ accessToken: access_token, consentId: consent.id, persona, appId, scope });
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-card border border-border bg-surface px-5 py-4 shadow-card sm:px-6"
      data-testid="persona-consent"
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <h2 id={`${id}-title`} className="text-base font-semibold text-fg">
          Customer consent for customer-data endpoints
        </h2>
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-fg-muted" data-testid="consent-status">
          {consent ? (
            <>
              <Badge tone="success" dot>
                Consent
              </Badge>
              <span>
                accounts, balances, transactions and payments run as <span className="font-medium text-fg">{consent.persona}</span> (
                <code className="font-mono text-xs">{consent.scope}</code>)
              </span>
            </>
          ) : (
            <span>Customer-data endpoints use your key and see the whole sandbox.</span>
          )}
        </p>
      </div>
      {!appId ? (
        <p className="mt-3 text-sm text-fg-muted">Pick one of your keys above to authorise as a test customer of that app.</p>
      ) : (
        <div className="mt-4 flex flex-col gap-4 md:flex-row md:items-end">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-persona`}>Persona</Label>
            <Select id={`${id}-persona`} value={persona} onChange={(event) => setPersona(event.target.value)}>
              {personas.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.key} ({p.display_name})
                </option>
              ))}
            </Select>
          </div>
          <fieldset className="flex flex-col gap-1.5">
            <legend className="text-sm font-medium text-fg">Permissions</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1.5">
              {PERMISSIONS.map((permission) => (
                <label key={permission} className="flex items-center gap-2 font-mono text-xs text-fg">
                  <input
                    type="checkbox"
                    checked={permissions.includes(permission)}
                    onChange={(event) =>
                      setPermissions((current) =>
                        event.target.checked ? [...current, permission] : current.filter((p) => p !== permission),
                      )
                    }
                  />
                  {permission}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex gap-2">
            <Button onClick={authorise} loading={pending} disabled={!permissions.length}>
              Authorise as {persona}
            </Button>
            {consent && (
              <Button variant="ghost" onClick={() => onChange(null)}>
                Stop using consent
              </Button>
            )}
          </div>
        </div>
      )}
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </section>
  );
}
