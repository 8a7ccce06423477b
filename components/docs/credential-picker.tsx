"use client";

import { useEffect, useId, useState } from "react";
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
    onChange(key ? { kind: "portal-key", keyId: key.id, prefix: key.prefix, label: `${key.app_name} · ${key.name}` } : null);
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
    <section aria-labelledby={`${selectId}-title`} className="rounded-xl border border-border bg-surface p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${selectId}-title`} className="text-sm font-semibold text-fg">
          Authorise Try-it-out
        </h2>
        <p role="status" className="text-sm text-fg-muted" data-testid="credential-status">
          {credential ? (
            <>
              <span className="mr-1 inline-block size-2 rounded-full bg-success" aria-hidden />
              Authorised with{" "}
              <span className="font-medium text-fg">{credential.kind === "portal-key" ? credential.label : "a pasted key"}</span>{" "}
              <code className="font-mono text-xs">{credential.prefix}</code>
            </>
          ) : (
            <>
              <span className="mr-1 inline-block size-2 rounded-full bg-warning" aria-hidden />
              Not authorised: calls will answer 401
            </>
          )}
        </p>
      </div>

      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={selectId} className="block text-sm font-medium text-fg">
            Use one of your keys
          </label>
          {signedIn ? (
            <select
              id={selectId}
              className="mt-1 w-full rounded-lg border border-border bg-bg px-3 py-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
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
            </select>
          ) : (
            <p className="mt-1 text-sm text-fg-muted">
              <a className="font-medium text-primary underline-offset-2 hover:underline" href="/signin?callbackUrl=/docs/api">
                Sign in
              </a>{" "}
              to pick one of your keys, or paste a key.
            </p>
          )}
          {loadError && <p className="mt-1 text-sm text-danger">{loadError}</p>}
        </div>

        <form onSubmit={usePasted} noValidate>
          <label htmlFor={pasteId} className="block text-sm font-medium text-fg">
            Or paste a key
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id={pasteId}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="sk_sandbox_…"
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
              aria-invalid={pasteError ? true : undefined}
              aria-describedby={pasteError ? pasteErrorId : undefined}
              className="min-w-0 flex-1 rounded-lg border border-border bg-bg px-3 py-2 font-mono text-sm text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
            />
            <button type="submit" className="rounded-lg bg-primary px-3 py-2 text-sm font-medium text-primary-fg hover:bg-primary-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
              Authorise
            </button>
          </div>
          {pasteError && (
            <p id={pasteErrorId} className="mt-1 text-sm text-danger">
              {pasteError}
            </p>
          )}
        </form>
      </div>
      {credential && (
        <button type="button" onClick={() => onChange(null)} className="mt-3 text-sm text-fg-muted underline-offset-2 hover:text-fg hover:underline">
          Sign out of Try-it-out
        </button>
      )}
    </section>
  );
}
