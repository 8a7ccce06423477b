import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The login and consent forms are bound to the browser that started the authorization:
 * an HttpOnly cookie holds a random value (only its hash is stored with the request), and
 * every form carries a CSRF token derived from the request id and that value. A form posted
 * from another browser, or by another site, fails both checks.
 */
export const BROWSER_COOKIE = "ob_authz";

export function newBrowserValue(): string {
  return randomBytes(32).toString("base64url");
}

export function hashBrowserValue(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function csrfToken(secret: string, requestId: string, browserValue: string): string {
  return createHmac("sha256", secret).update(`csrf\0${requestId}\0${browserValue}`).digest("base64url");
}

export function csrfMatches(secret: string, requestId: string, browserValue: string, given: string): boolean {
  const expected = Buffer.from(csrfToken(secret, requestId, browserValue));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name && value.length) return value.join("=");
  }
  return undefined;
}

export function browserCookie(value: string, secure: boolean): string {
  return `${BROWSER_COOKIE}=${value}; Path=/oauth; HttpOnly; SameSite=Lax; Max-Age=1800${secure ? "; Secure" : ""}`;
}
