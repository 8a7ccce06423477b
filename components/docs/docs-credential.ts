/**
 * What Try-it-out authorises with, kept in the browser so it survives reloads:
 * - a key the developer picked from their apps: only its id and display prefix are kept;
 *   the gateway accepts `X-Portal-Key-Id` with the portal session (the secret never exists
 *   in the browser after the one-time reveal);
 * - a pasted key: kept in sessionStorage only (gone when the tab closes).
 */
export type DocsCredential =
  | { kind: "portal-key"; keyId: string; prefix: string; label: string; appId?: string }
  | { kind: "pasted"; secret: string; prefix: string };

const PICKED = "obp.docs.picked-key";
const PASTED = "obp.docs.pasted-key";

export const SECURITY_SCHEME = "api_key";

export function displayPrefix(secret: string): string {
  return secret.length > 19 ? `${secret.slice(0, 15)}…${secret.slice(-4)}` : secret;
}

export function loadCredential(): DocsCredential | null {
  try {
    const pasted = sessionStorage.getItem(PASTED);
    if (pasted) return { kind: "pasted", secret: pasted, prefix: displayPrefix(pasted) };
    const picked = localStorage.getItem(PICKED);
    return picked ? (JSON.parse(picked) as DocsCredential) : null;
  } catch {
    return null;
  }
}

export function saveCredential(credential: DocsCredential | null): void {
  sessionStorage.removeItem(PASTED);
  localStorage.removeItem(PICKED);
  if (credential?.kind === "pasted") sessionStorage.setItem(PASTED, credential.secret);
  if (credential?.kind === "portal-key") localStorage.setItem(PICKED, JSON.stringify(credential));
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
