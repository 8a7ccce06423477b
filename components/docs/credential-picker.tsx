"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { UsableKey } from "@/lib/keys/list-usable-keys";
import { displayPrefix, portalKeyCredential, type DocsCredential, type ShownCredential } from "./docs-credential";

const KEY_PATTERN = /^sk_sandbox_[0-9A-Za-z]{36}$/;

/**
 * Chooses what Try-it-out authorises with: one of the developer's keys, or a pasted one. The
 * keys and the one in use come with the page (decided on the server), so the first paint
 * already says which key calls will use.
 */
export function CredentialPicker(props: {
  signedIn: boolean;
  keys: UsableKey[];
  credential: ShownCredential | null;
  onChange: (credential: DocsCredential | null) => void;
}) {
  const { signedIn, keys, credential, onChange } = props;
  const [pasteError, setPasteError] = useState<string | null>(null);
  const selectId = useId();
  const pasteId = useId();
  const pasteErrorId = useId();
  const pathname = usePathname();
  // Before hydration the form would submit natively (a reload that loses the key): not clickable yet.
  const hydrated = useHydrated();

  function pick(keyId: string) {
    const key = keys.find((candidate) => candidate.id === keyId);
    onChange(key ? portalKeyCredential(key) : null);
  }

  function usePasted(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the field itself, not from state: a key typed before hydration is still there.
    const field = event.currentTarget.elements.namedItem("key") as HTMLInputElement;
    const secret = field.value.trim();
    if (!KEY_PATTERN.test(secret)) {
      setPasteError("That does not look like a sandbox key: it starts with sk_sandbox_ and has 36 more letters and digits.");
      return;
    }
    setPasteError(null);
    field.value = "";
    onChange({ kind: "pasted", secret, prefix: displayPrefix(secret) });
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
              disabled={!keys.length}
            >
              <option value="">{keys.length ? "Choose a key…" : "No active keys yet: create an app first"}</option>
              {keys.map((key) => (
                <option key={key.id} value={key.id}>
                  {key.app_name} · {key.name} ({key.prefix})
                </option>
              ))}
            </Select>
          ) : (
            <p className="text-sm text-fg-muted">
              <a
                className="font-medium text-primary underline-offset-4 hover:underline"
                href={`/signin?callbackUrl=${encodeURIComponent(pathname || "/docs/api")}`}
              >
                Sign in
              </a>{" "}
              to pick one of your keys, or paste a key.
            </p>
          )}
          {signedIn &&
            (keys.length ? (
              <p className="text-sm text-fg-muted">Calls use your session; the secret never reaches this page.</p>
            ) : (
              <p className="text-sm text-fg-muted">
                <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/dashboard/apps/new">
                  Create an app
                </Link>{" "}
                to get a sandbox key: Try-it-out then uses it without pasting.
              </p>
            ))}
        </div>

        <form onSubmit={usePasted} noValidate className="flex flex-col gap-1.5">
          <Label htmlFor={pasteId}>Or paste a key</Label>
          <div className="flex gap-2">
            <Input
              id={pasteId}
              name="key"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="sk_sandbox_…"
              aria-invalid={pasteError ? true : undefined}
              aria-describedby={pasteError ? pasteErrorId : undefined}
              className="min-w-0 flex-1 font-mono"
            />
            <Button type="submit" disabled={!hydrated}>
              Authorise
            </Button>
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
