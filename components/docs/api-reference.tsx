"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { DocsReplay } from "@/lib/request-logs/replay";
import { applyReplay, operationElementId, type ReplaySystem } from "./apply-replay";
import { CredentialPicker } from "./credential-picker";
import {
  authoriseRequest,
  displayPrefix,
  forgetChoice,
  portalKeyCredential,
  readPastedSecret,
  rememberCredential,
  SECURITY_SCHEME,
  takeLegacyPick,
  type DocsCredential,
  type InitialCredential,
  type ShownCredential,
} from "./docs-credential";
import type { UsableKey } from "@/lib/keys/list-usable-keys";
import { isCustomerDataCall, loadConsent, saveConsent, type DocsConsent } from "./docs-consent";
import { PersonaConsentPanel } from "./persona-consent-panel";
import { useLoadOnIntent } from "./use-load-on-intent";
import { CustomerTokenPanel } from "./customer-token-panel";
import { takesCustomerToken, withFreshIds, type CustomerTokenCall } from "./standard-calls";

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

/** `?app=…&key=…` said which app the reader came from; the hash (a deep link) stays. */
function dropCameFromParams() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has("app") && !url.searchParams.has("key")) return;
  url.searchParams.delete("app");
  url.searchParams.delete("key");
  window.history.replaceState(window.history.state, "", url);
}

/** A logged call to open in Try-it-out, with the key it was made with (if still the developer's). */
export type ReplayRequest = DocsReplay & { key: { id: string; prefix: string; label: string } | null };

/**
 * swagger-ui-react over the bank's generated OpenAPI document, with Try-it-out authorised by
 * the developer's own key from the first paint (the server picks it: see pickDocsKey), or by
 * one they pick or paste, surviving reloads.
 */
export function ApiReference({
  specUrl = "/openapi.json",
  signedIn,
  keys,
  initial,
  personas,
  replay,
  customerTokenCalls,
}: {
  /** The document Swagger UI renders: one area's (`/openapi.json?area=accounts`) or the whole API's. */
  specUrl?: string;
  signedIn: boolean;
  /** The keys the developer may call with, for the picker. */
  keys: UsableKey[];
  initial: InitialCredential;
  /** For "Authorise as persona" (the sandbox API's consents); none: no such panel (a standard's page). */
  personas: { key: string; display_name: string }[];
  replay?: ReplayRequest | null;
  /**
   * A standard's operations that take the customer's token instead of the app's credential
   * (method and full path template on this origin): with these, the reader can paste a customer's
   * token, and Try-it-out sends it on those calls only.
   */
  customerTokenCalls?: CustomerTokenCall[];
}) {
  const [credential, setCredential] = useState<ShownCredential | null>(initial.credential);
  // What requests are authorised with: a pasted key only once this tab's secret has been read.
  const credentialRef = useRef<DocsCredential | null>(initial.credential?.kind === "portal-key" ? initial.credential : null);
  const [consent, setConsent] = useState<DocsConsent | null>(null);
  const consentRef = useRef<DocsConsent | null>(null);
  const customerTokenRef = useRef<string | null>(null);
  const setCustomerToken = useCallback((token: string | null) => {
    customerTokenRef.current = token;
  }, []);
  const systemRef = useRef<SwaggerSystem | null>(null);

  const syncSwagger = useCallback((next: DocsCredential | null) => {
    const system = systemRef.current;
    if (!system) return;
    // Swagger's logout fails (and logs an error) when nothing was authorised yet.
    if (system.authSelectors.authorized()?.size) system.authActions.logout([SECURITY_SCHEME]);
    // Swagger shows the display prefix (and puts it in its curl); the interceptor swaps in the real credential.
    if (next) system.preauthorizeApiKey(SECURITY_SCHEME, next.prefix);
  }, []);

  const changeConsent = useCallback((next: DocsConsent | null) => {
    saveConsent(next);
    consentRef.current = next;
    setConsent(next);
  }, []);

  // What only this tab knows, read once after hydration: a pasted secret, a persona's consent.
  useEffect(() => {
    const secret = readPastedSecret();
    const legacyKeyId = takeLegacyPick();
    const legacy = legacyKeyId ? keys.find((key) => key.id === legacyKeyId) : undefined;
    let next: DocsCredential | null = credentialRef.current;
    if (initial.remember && initial.credential?.kind === "portal-key") {
      // Came from an app: its key becomes the choice, so the other areas keep using it, and the
      // URL drops what said so, so a reload keeps a key picked here afterwards (a replay keeps
      // its URL: it names the logged call).
      next = initial.credential;
      rememberCredential(next);
      if (!replay) dropCameFromParams();
    } else if (secret) {
      next = { kind: "pasted", secret, prefix: displayPrefix(secret) };
      rememberCredential(next);
    } else if (initial.credential?.kind === "pasted") {
      // The cookie names a key pasted in another tab (or one since closed): not usable here.
      next = initial.fallback;
      forgetChoice();
    } else if (legacy) {
      // A pick stored before choices moved to the cookie (so the server could not see it).
      next = portalKeyCredential(legacy);
      rememberCredential(next);
    }
    credentialRef.current = next;
    const consent = loadConsent();
    // A consent belongs to one app's key.
    const consentUsable = consent && next?.kind === "portal-key" && next.appId === consent.appId;
    if (consent && !consentUsable) saveConsent(null);
    consentRef.current = consentUsable ? consent : null;
    // Browser storage is readable only after hydration.
    setCredential(next);
    setConsent(consentRef.current);
  }, [initial, keys, replay]);

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
  const [consoleWanted, loadConsole, listening] = useLoadOnIntent(Boolean(replay) || deepLinked);
  // Where the console is, for people (the status texts) and tests (`data-console`): painted by the
  // server, listening for the reader's intent once hydrated, loading, then ready when Swagger UI
  // has rendered the document.
  const [rendered, setRendered] = useState(false);
  const consoleState = rendered ? "ready" : consoleWanted ? "loading" : listening ? "listening" : "static";

  const change = useCallback(
    (next: DocsCredential | null) => {
      rememberCredential(next);
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
      <CredentialPicker signedIn={signedIn} keys={keys} credential={credential} onChange={change} />
      {customerTokenCalls && (
        <CustomerTokenPanel
          storageKey={`obp.docs.customer-token:${specUrl}`}
          callCount={customerTokenCalls.length}
          onChange={setCustomerToken}
        />
      )}
      {signedIn && personas.length > 0 && (
        <PersonaConsentPanel
          appId={credential?.kind === "portal-key" ? (credential.appId ?? null) : null}
          personas={personas}
          consent={consent}
          onChange={changeConsent}
        />
      )}
      {replay && (
        <div
          role="status"
          data-testid="replay-banner"
          className="rounded-control border border-info-border bg-info-soft px-4 py-3 text-sm text-fg"
        >
          {replayed === "missing" ? (
            <>
              Request <span className="font-mono">{replay.request_id}</span> was made to{" "}
              <span className="font-mono">
                {replay.method} {replay.route}
              </span>
              , which the current API reference no longer documents.
            </>
          ) : (
            <>
              Replaying request <span className="font-mono">{replay.request_id}</span>:{" "}
              <span className="font-mono">
                {replay.method} {replay.route}
              </span>{" "}
              is open below with its parameters and body filled in. Masked values (<span className="font-mono">[REDACTED]</span>,{" "}
              <span className="font-mono">****</span>) need real ones before you press Execute.
            </>
          )}
        </div>
      )}
      {/* Swagger UI's stylesheet is light-only, so its panel stays white in dark mode too. */}
      <div className="api-reference rounded-card border border-border bg-white shadow-card" data-console={consoleState}>
        {consoleWanted ? (
          <SwaggerConsole
            url={specUrl}
            requestInterceptor={(request) => {
              const mutable = authoriseRequest(
                request as { headers: Record<string, string>; url: string; method?: string },
                credentialRef.current,
              ) as { headers: Record<string, string>; url: string; method?: string };
              const consentNow = consentRef.current;
              if (consentNow && isCustomerDataCall(mutable.method ?? "GET", mutable.url)) {
                delete mutable.headers["X-Portal-Key-Id"];
                mutable.headers.Authorization = `Bearer ${consentNow.accessToken}`;
              }
              const customerToken = customerTokenRef.current;
              if (customerToken && customerTokenCalls && takesCustomerToken(customerTokenCalls, mutable.method ?? "GET", mutable.url)) {
                delete mutable.headers["X-Portal-Key-Id"];
                mutable.headers.Authorization = `Bearer ${customerToken}`;
              }
              return withFreshIds(mutable);
            }}
            onComplete={(system) => {
              systemRef.current = system as SwaggerSystem;
              syncSwagger(credentialRef.current);
              runReplay(system as SwaggerSystem);
              setRendered(true);
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
