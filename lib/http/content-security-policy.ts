import apiSecurityHeaders from "./api-security-headers.json";

/**
 * The portal's browser security policy, in one place: proxy.ts sends the page policy (a fresh
 * nonce per response) and the transport headers; the gateway's fast path sends the API policy.
 * The static headers every response carries (nosniff, Referrer-Policy, COOP, CORP…) stay in
 * security-headers.json, which next.config.js and the fast path both read.
 */

/** The request header proxy.ts passes the nonce in; the root layout puts it on the theme script. */
export const NONCE_HEADER = "x-nonce";

/** Every directive of the pages' policy, each with the reason it is there. */
export function pagePolicy(options: { nonce: string; dev?: boolean }): string {
  const { nonce, dev = false } = options;
  const directives: string[] = [
    // Anything not named below: this origin only.
    "default-src 'self'",
    // Only scripts carrying this response's nonce (Next.js puts it on its own scripts, the root
    // layout on the theme script), and what they load ('strict-dynamic': Next's chunks, Swagger
    // UI's code). Development adds 'unsafe-eval': React rebuilds server error stacks with eval.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes: React renders `style={…}` props into the HTML (progress bars,
    // charts) and Swagger UI sets them on its panels. A style cannot run code; a nonce here
    // would disable 'unsafe-inline', and attributes cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // data: for the two-factor QR code (an SVG data URL) and Swagger UI's icons in its CSS.
    "img-src 'self' data:",
    // The Inter font is bundled and served from /_next/static.
    "font-src 'self'",
    // Fetches stay on this origin: the portal API, next-auth, and Swagger UI's Try-it-out, which
    // calls the gateway on the same origin. Development: Next's hot reload over a WebSocket.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // No plugins, no <base> rewriting relative URLs, no framing of any page (clickjacking).
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // Forms post to the portal only (sign-in, the admin search).
    "form-action 'self'",
  ];
  return directives.join("; ");
}

/**
 * API answers (JSON, problem+json, files) are never documents to run: nothing loads, nothing
 * frames them. next.config.js sends it on the portal API (/api/*, which proxy.ts leaves alone) from
 * the same JSON file; the fast path on the gateway's answers. HTML answers that come with their own policy (the bank's sign-in and consent
 * pages, through the gateway) keep theirs.
 */
export const API_POLICY = apiSecurityHeaders[0].value;

/**
 * Headers that depend on how the portal is served, for every response (server.ts): HSTS (two
 * years, subdomains included) only when PORTAL_URL is https; over plain http a browser ignores it
 * and a local `npm run dev` must not pin localhost to https.
 */
export function transportHeaders(portalUrl: string): [string, string][] {
  return new URL(portalUrl).protocol === "https:" ? [["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]] : [];
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The nonce in a page policy, or null. */
export function policyNonce(policy: string | null | undefined): string | null {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1] ?? null;
}
