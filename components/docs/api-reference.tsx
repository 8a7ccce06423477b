"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { DocsReplay } from "@/lib/request-logs/replay";
import { applyReplay, operationElementId, type ReplaySystem } from "./apply-replay";
import { CredentialPicker } from "./credential-picker";
import { authoriseRequest, loadCredential, saveCredential, SECURITY_SCHEME, type DocsCredential } from "./docs-credential";
import { isCustomerDataCall, loadConsent, saveConsent, type DocsConsent } from "./docs-consent";
import { PersonaConsentPanel } from "./persona-consent-panel";
import { useLoadOnIntent } from "./use-load-on-intent";

// Swagger UI and its stylesheet live in their own chunk, fetched once the reader shows intent.
const SwaggerConsole = dynamic(() => import("./swagger-console"), {
  ssr: false,
  loading: () => <ConsoleStatus busy>Loading the interactive console…</ConsoleStatus>,
});

function ConsoleStatus({ busy = false, children }: { busy?: boolean; children: React.ReactNode }) {
  return (
    <div role={busy ? "status" : undefined} className="flex flex-wrap items-center justify-center gap-3 px-4 py-16 text-sm text-slate-600">
      {busy && <Spinner className="text-teal-700" />}
      {children}
    </div>
  );
}

type SwaggerSystem = ReplaySystem & {
  preauthorizeApiKey: (scheme: string, value: string) => void;
  authActions: { logout: (schemes: string[]) => void };
  authSelectors: { authorized: () => { size: number } | undefined };
};

/** `#/<Tag>/<operationId>` → the operation's tag and id, as Swagger UI's deep links spell them. */
function parseDeepLink(hash: string): { tag: string; operationId: string } | null {
  const match = /^#\/([^/]+)\/([^/]+)$/.exec(hash);
  if (!match) return null;
  try {
    return { tag: decodeURIComponent(match[1]), operationId: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}

/** A logged call to open in Try-it-out, with the key it was made with (if still the developer's). */
export type ReplayRequest = DocsReplay & { key: { id: string; prefix: string; label: string } | null };

/**
 * swagger-ui-react over the bank's generated OpenAPI document, with Try-it-out
 * authorised by the developer's own key (picked or pasted), surviving reloads.
 */
export function ApiReference({
  specUrl = "/openapi.json",
  signedIn,
  personas,
  replay,
}: {
  /** The document Swagger UI renders: one area's (`/openapi.json?area=accounts`) or the whole API's. */
  specUrl?: string;
  signedIn: boolean;
  personas: { key: string; display_name: string }[];
  replay?: ReplayRequest | null;
}) {
  const [credential, setCredential] = useState<DocsCredential | null>(null);
  const credentialRef = useRef<DocsCredential | null>(null);
  const [consent, setConsent] = useState<DocsConsent | null>(null);
  const consentRef = useRef<DocsConsent | null>(null);
  const systemRef = useRef<SwaggerSystem | null>(null);

  const syncSwagger = useCallback((next: DocsCredential | null) => {
    const system = systemRef.current;
    if (!system) return;
    // Swagger's logout fails (and logs an error) when nothing was authorised yet.
    if (system.authSelectors.authorized()?.size) system.authActions.logout([SECURITY_SCHEME]);
    // Swagger shows the display prefix (and puts it in its curl); the interceptor swaps in the real credential.
    if (next) system.preauthorizeApiKey(SECURITY_SCHEME, next.prefix);
  }, []);

  useEffect(() => {
    let stored = loadCredential();
    // Replaying a logged call: use the key it was made with unless the developer picked one.
    if (!stored && replay?.key) {
      stored = { kind: "portal-key", keyId: replay.key.id, prefix: replay.key.prefix, label: replay.key.label };
      saveCredential(stored);
    }
    credentialRef.current = stored;
    consentRef.current = loadConsent();
    // Browser storage exists only after hydration, so the stored choice is read here, once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCredential(stored);
    setConsent(consentRef.current);
  }, [replay]);

  const changeConsent = useCallback((next: DocsConsent | null) => {
    saveConsent(next);
    consentRef.current = next;
    setConsent(next);
  }, []);

  const [replayed, setReplayed] = useState<"pending" | "done" | "missing">("pending");
  const replayOnce = useRef(false);
  const runReplay = useCallback(
    (system: SwaggerSystem) => {
      if (!replay || replayOnce.current) return;
      replayOnce.current = true;
      const elementId = applyReplay(system, replay);
      setReplayed(elementId ? "done" : "missing");
      if (elementId) {
        // After Swagger has rendered the expanded operation.
        setTimeout(() => document.getElementById(elementId)?.scrollIntoView({ block: "start" }), 300);
      }
    },
    [replay],
  );

  // Swagger UI opens a deep link (`#/Accounts/listAccounts`) on load; links within the page
  // (the operation index above it, search results) change only the hash, so open those here.
  useEffect(() => {
    const open = () => {
      const link = parseDeepLink(window.location.hash);
      const system = systemRef.current;
      if (!link || !system) return;
      system.layoutActions.show(["operations", link.tag, link.operationId], true);
      setTimeout(() => document.getElementById(operationElementId(link.tag, link.operationId))?.scrollIntoView({ block: "start" }), 100);
    };
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, []);

  // The console loads on the reader's first intent, or at once for a deep link or a replay.
  const [deepLinked, setDeepLinked] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (parseDeepLink(window.location.hash)) setDeepLinked(true);
  }, []);
  const [consoleWanted, loadConsole] = useLoadOnIntent(Boolean(replay) || deepLinked);

  const change = useCallback(
    (next: DocsCredential | null) => {
      saveCredential(next);
      credentialRef.current = next;
      setCredential(next);
      syncSwagger(next);
      // A consent belongs to one app: switching keys drops it.
      if (consentRef.current && (next?.kind !== "portal-key" || next.appId !== consentRef.current.appId)) changeConsent(null);
    },
    [syncSwagger, changeConsent],
  );

  return (
    <div className="space-y-6">
      <CredentialPicker signedIn={signedIn} credential={credential} onChange={change} />
      {signedIn && (
        <PersonaConsentPanel
          appId={credential?.kind === "portal-key" ? (credential.appId ?? null) : null}
          personas={personas}
          consent={consent}
          onChange={changeConsent}
        />
      )}
      {replay && (
        <div role="status" data-testid="replay-banner" className="rounded-control border border-info-border bg-info-soft px-4 py-3 text-sm text-fg">
          {replayed === "missing" ? (
            <>
              Request <span className="font-mono">{replay.request_id}</span> was made to{" "}
              <span className="font-mono">{replay.method} {replay.route}</span>, which the current API reference no longer documents.
            </>
          ) : (
            <>
              Replaying request <span className="font-mono">{replay.request_id}</span>:{" "}
              <span className="font-mono">{replay.method} {replay.route}</span> is open below with its parameters and body filled in.
              Masked values (<span className="font-mono">[REDACTED]</span>, <span className="font-mono">****</span>) need real ones
              before you press Execute.
            </>
          )}
        </div>
      )}
      {/* Swagger UI's stylesheet is light-only, so its panel stays white in dark mode too. */}
      <div className="api-reference rounded-card border border-border bg-white shadow-card">
        {consoleWanted ? (
          <SwaggerConsole
            url={specUrl}
            requestInterceptor={(request) => {
              const mutable = authoriseRequest(request as { headers: Record<string, string>; url: string; method?: string }, credentialRef.current) as { headers: Record<string, string>; url: string; method?: string };
              const consentNow = consentRef.current;
              if (consentNow && isCustomerDataCall(mutable.method ?? "GET", mutable.url)) {
                delete mutable.headers["X-Portal-Key-Id"];
                mutable.headers.Authorization = `Bearer ${consentNow.accessToken}`;
              }
              return mutable;
            }}
            onComplete={(system) => {
              systemRef.current = system as SwaggerSystem;
              syncSwagger(credentialRef.current);
              runReplay(system as SwaggerSystem);
            }}
          />
        ) : (
          <ConsoleStatus>
            <span>Every operation with Try it out, authorised with your key.</span>
            <Button size="sm" onClick={loadConsole}>
              Open the console
            </Button>
          </ConsoleStatus>
        )}
      </div>
    </div>
  );
}
