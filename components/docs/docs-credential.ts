import { DOCS_CHOICE_COOKIE, serializeDocsChoice } from "@/lib/docs/docs-choice";
import type { DocsKeyPick } from "@/lib/docs/pick-docs-key";
import type { UsableKey } from "@/lib/keys/list-usable-keys";

/**
 * What Try-it-out authorises with:
 * - one of the developer's keys: only its id and display prefix reach the browser; the gateway
 *   accepts `X-Portal-Key-Id` with the portal session (the secret never exists in the browser
 *   after the one-time reveal);
 * - a pasted key: kept in this tab's sessionStorage only (gone when the tab closes).
 * The server decides the key for the first paint (lib/docs/pick-docs-key.ts); an explicit
 * choice is remembered in a cookie (lib/docs/docs-choice.ts) so the next page renders it too.
 */
export type PortalKeyCredential = { kind: "portal-key"; keyId: string; prefix: string; label: string; appId: string };
export type DocsCredential = PortalKeyCredential | { kind: "pasted"; secret: string; prefix: string };
/** What the picker shows: a pasted key is shown by its prefix, before the tab's secret is read. */
export type ShownCredential = PortalKeyCredential | { kind: "pasted"; prefix: string };

/** The server's decision, rendered on first paint. */
export type InitialCredential = {
  credential: ShownCredential | null;
  /** For a tab that does not hold the pasted key the cookie names. */
  fallback: PortalKeyCredential | null;
  /** The developer came from an app ("Try it in the API docs"): keep its key as their choice. */
  remember: boolean;
};

const PASTED = "obp.docs.pasted-key";
/** Where picked keys were kept before the cookie; read once to carry the choice over, then removed. */
const LEGACY_PICKED = "obp.docs.picked-key";
const YEAR_S = 365 * 24 * 3600;

export const SECURITY_SCHEME = "api_key";

export function displayPrefix(secret: string): string {
  return secret.length > 19 ? `${secret.slice(0, 15)}…${secret.slice(-4)}` : secret;
}

export function portalKeyCredential(key: UsableKey): PortalKeyCredential {
  return { kind: "portal-key", keyId: key.id, prefix: key.prefix, label: `${key.app_name} · ${key.name}`, appId: key.app_id };
}

export function readPastedSecret(): string | null {
  try {
    return sessionStorage.getItem(PASTED);
  } catch {
    return null;
  }
}

/** The key id a picker stored in localStorage before choices moved to a cookie, once. */
export function takeLegacyPick(): string | null {
  try {
    const raw = localStorage.getItem(LEGACY_PICKED);
    localStorage.removeItem(LEGACY_PICKED);
    return raw ? ((JSON.parse(raw) as { keyId?: string }).keyId ?? null) : null;
  } catch {
    return null;
  }
}

function writeChoiceCookie(value: string, maxAgeSeconds: number | null): void {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const age = maxAgeSeconds === null ? "" : `; Max-Age=${maxAgeSeconds}`;
  document.cookie = `${DOCS_CHOICE_COOKIE}=${value}; Path=/docs; SameSite=Lax${age}${secure}`;
}

/** The developer's explicit choice: a key, a pasted key (this tab, until it closes) or none. */
export function rememberCredential(credential: DocsCredential | null): void {
  try {
    sessionStorage.removeItem(PASTED);
    if (credential?.kind === "pasted") sessionStorage.setItem(PASTED, credential.secret);
  } catch {
    // Storage disabled: the pasted key lasts as long as the page.
  }
  if (!credential) writeChoiceCookie(serializeDocsChoice({ kind: "none" }), YEAR_S);
  else if (credential.kind === "portal-key") writeChoiceCookie(serializeDocsChoice({ kind: "key", keyId: credential.keyId }), YEAR_S);
  // A session cookie, like the secret it stands for.
  else writeChoiceCookie(serializeDocsChoice({ kind: "pasted", prefix: credential.prefix }), null);
}

/** Back to the server's default (a pasted key named by the cookie is not in this tab). */
export function forgetChoice(): void {
  writeChoiceCookie("", 0);
}

type MutableRequest = { headers: Record<string, string>; url: string };

/**
 * Applied to every Try-it-out request. The value Swagger shows (and puts in its curl) is the
 * key's display prefix for picked keys; here it is swapped for the session-bound key id.
 */
export function authoriseRequest(request: MutableRequest, credential: DocsCredential | null): MutableRequest {
  const sameOrigin = request.url.startsWith("/") || new URL(request.url).origin === window.location.origin;
  if (!credential || !sameOrigin) return request;
  for (const name of Object.keys(request.headers)) if (name.toLowerCase() === "authorization") delete request.headers[name];
  if (credential.kind === "pasted") request.headers.Authorization = `Bearer ${credential.secret}`;
  else request.headers["X-Portal-Key-Id"] = credential.keyId;
  return request;
}

/** The server's pick (lib/docs/pick-docs-key.ts), as the page's first paint shows it. */
export function initialCredential(pick: DocsKeyPick): InitialCredential {
  if (pick.kind === "key") return { credential: portalKeyCredential(pick.key), fallback: null, remember: pick.source === "came-from" };
  if (pick.kind === "pasted") {
    return {
      credential: { kind: "pasted", prefix: pick.prefix },
      fallback: pick.fallback && portalKeyCredential(pick.fallback),
      remember: false,
    };
  }
  return { credential: null, fallback: null, remember: false };
}
