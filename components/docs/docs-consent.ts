/**
 * "Authorise as persona": a sandbox consent minted for the picked key's app, so Try-it-out
 * works on customer-data endpoints as that customer would through a real app. The access
 * token of a test persona lives in this tab only (sessionStorage).
 */
export type DocsConsent = { accessToken: string; consentId: string; persona: string; appId: string; scope: string };

const KEY = "obp.docs.consent";

export function loadConsent(): DocsConsent | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as DocsConsent) : null;
  } catch {
    return null;
  }
}

export function saveConsent(consent: DocsConsent | null): void {
  if (consent) sessionStorage.setItem(KEY, JSON.stringify(consent));
  else sessionStorage.removeItem(KEY);
}

/** The operations a consent token may call (the bank's `config.consent` routes). */
export function isCustomerDataCall(method: string, url: string): boolean {
  const path = url.startsWith("/") ? url.split("?")[0] : new URL(url).pathname;
  const verb = method.toUpperCase();
  if (verb === "GET" && /^\/v1\/accounts(\/[^/]+(\/(balances|transactions))?)?$/.test(path)) return true;
  return /^\/v1\/payments(\/[^/]+)?$/.test(path) && (verb === "GET" || (verb === "POST" && path === "/v1/payments"));
}
