import { AppError } from "@openbank/contracts/errors";
import { portalOrigin } from "./portal-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF guard for cookie-authenticated mutations. Browsers send `Origin` on every non-GET
 * fetch and form post, and `Sec-Fetch-Site` on every request; a request that carries neither
 * did not come from a page we served, so it is refused too (fail closed). Non-browser clients
 * of cookie APIs (tests) send `Origin: <PORTAL_URL>`.
 */
export function isSameOriginRequest(request: { method: string; headers: Headers }, allowedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const origin = request.headers.get("origin");
  if (origin !== null) return allowedOrigins.includes(origin); // "null" (sandboxed, opaque) never matches
  const site = request.headers.get("sec-fetch-site");
  // "none": the user typed or bookmarked it; no other site was involved.
  return site === "same-origin" || site === "none";
}

/** Throws 403 forbidden unless the request is same-origin (or a safe method). */
export function assertSameOrigin(request: Request, options: { allowedOrigins?: readonly string[] } = {}): void {
  const allowedOrigins = options.allowedOrigins ?? [portalOrigin()];
  if (!isSameOriginRequest(request, allowedOrigins)) {
    throw new AppError("forbidden", "Cross-site request refused: send it from the portal's own origin");
  }
}
