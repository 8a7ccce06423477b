"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { DocsCredential } from "./docs-credential";

type UsableKey = { id: string; name: string; prefix: string; app_id: string; app_name: string };

const KEY_PATTERN = /^sk_sandbox_[0-9A-Za-z]{36}$/;

/** Chooses what Try-it-out authorises with: one of the developer's keys, or a pasted one. */
export function CredentialPicker(props: {
  signedIn: boolean;
  credential: DocsCredential | null;
  onChange: (credential: DocsCredential | null) => void;
}) {
  const { signedIn, credential, onChange } = props;
  const [keys, setKeys] = useState<UsableKey[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [pasted, setPasted] = useState("");
  const [pasteError, setPasteError] = useState<string | null>(null);
  const selectId = useId();
  const pasteId = useId();
  const pasteErrorId = useId();
  const pathname = usePathname();

  useEffect(() => {
    if (!signedIn) return;
    fetch("/api/keys", { headers: { accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`Could not load your keys (${response.status}).`);
        setKeys(((await response.json()) as { data: UsableKey[] }).data);
      })
      .catch((error: Error) => setLoadError(error.message));
  }, [signedIn]);

  // A picked key that was revoked since is dropped, so calls do not fail mysteriously.
  useEffect(() => {
    if (keys && credential?.kind === "portal-key" && !keys.some((key) => key.id === credential.keyId)) onChange(null);
  }, [keys, credential, onChange]);

  function pick(keyId: string) {
    const key = keys?.find((candidate) => candidate.id === keyId);
    onChange(key ? { kind: "portal-key", keyId: key.id, prefix: key.prefix, label: `${key.app_name} · ${key.name}`, appId: key.app_id } : null);
  }

  function usePasted(event: React.FormEvent) {
    event.preventDefault();
    const secret = pasted.trim();
    if (!KEY_PATTERN.test(secret)) {
      setPasteError("That does not look like a sandbox key: it starts with sk_sandbox_ and has 36 more letters and digits.");
      return;
    }
    setPasteError(null);
    setPasted("");
    onChange({ kind: "pasted", secret, prefix: `${secret.slice(0, 15)}…${secret.slice(-4)}` });
  }

  return (
    <section aria-labelledby={`${selectId}-title`} className="rounded-card border border-border bg-surface shadow-card">
      <div className="flex flex-col gap-3 border-b border-border px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <h2 id={`${selectId}-title`} className="text-base font-semibold text-fg">
          Authorise Try-it-out
        </h2>
        <p role="status" className="flex min-w-0 flex-wrap items-center gap-2 text-sm text-fg-muted" data-testid="credential-status">
          {credential ? (
            <>
              <Badge tone="success" dot>
                Authorised
              </Badge>
              <span className="min-w-0">
                with <span className="font-medium text-fg">{credential.kind === "portal-key" ? credential.label : "a pasted key"}</span>{" "}
                <code className="font-mono text-xs break-all text-fg">{credential.prefix}</code>
              </span>
            </>
          ) : (
            <>
              <Badge tone="warning" dot>
                Not authorised
              </Badge>
              <span>calls will answer 401</span>
            </>
          )}
        </p>
      </div>

      <div className="grid gap-5 px-5 py-5 sm:px-6 md:grid-cols-2 md:gap-8">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={selectId}>Use one of your keys</Label>
          {signedIn ? (
            <Select
              id={selectId}
              value={credential?.kind === "portal-key" ? credential.keyId : ""}
              onChange={(event) => pick(event.target.value)}
              disabled={!keys}
            >
              <option value="">{keys ? (keys.length ? "Choose a key…" : "No active keys yet: create an app first") : "Loading your keys…"}</option>
              {keys?.map((key) => (
                <option key={key.id} value={key.id}>
                  {key.app_name} · {key.name} ({key.prefix})
                </option>
              ))}
            </Select>
          ) : (
            <p className="text-sm text-fg-muted">
              <a className="font-medium text-primary underline-offset-4 hover:underline" href={`/signin?callbackUrl=${encodeURIComponent(pathname || "/docs/api")}`}>
                Sign in
              </a>{" "}
              to pick one of your keys, or paste a key.
            </p>
          )}
          {signedIn && !loadError && (
            <p className="text-sm text-fg-muted">Calls use your session; the secret never reaches this page.</p>
          )}
          {loadError && <Alert tone="error">{loadError}</Alert>}
        </div>

        <form onSubmit={usePasted} noValidate className="flex flex-col gap-1.5">
          <Label htmlFor={pasteId}>Or paste a key</Label>
          <div className="flex gap-2">
            <Input
              id={pasteId}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="sk_sandbox_…"
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
              aria-invalid={pasteError ? true : undefined}
              aria-describedby={pasteError ? pasteErrorId : undefined}
              className="min-w-0 flex-1 font-mono"
            />
            <Button type="submit">Authorise</Button>
          </div>
          {pasteError ? (
            <FieldError id={pasteErrorId}>{pasteError}</FieldError>
          ) : (
            <p className="text-sm text-fg-muted">Kept in this tab only, until you close it.</p>
          )}
        </form>
      </div>
      {credential && (
        <div className="flex justify-end rounded-b-card border-t border-border bg-surface-muted/60 px-5 py-2.5 sm:px-6">
          <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
            Sign out of Try-it-out
          </Button>
        </div>
      )}
    </section>
  );
}
