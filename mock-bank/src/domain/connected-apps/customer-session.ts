import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { PrismaOidcAdapter } from "../oauth/oidc-adapter";

/**
 * The connected-apps page's own browser session: a random id in one cookie, the session itself a
 * row of the authorization server's record table (kind `ConnectedAppsSession`, keyed by the id's
 * SHA-256 like every token there, swept when expired). Server-side, so logging out ends it for
 * good. Before login the same cookie holds a random nonce, which the login form's CSRF token is
 * bound to; a successful login always issues a new id (no session fixation).
 */
export const CUSTOMER_SESSION_COOKIE = "ob_connected_apps";

/** Absolute lifetime of a signed-in session (real time). */
export const CUSTOMER_SESSION_SECONDS = 30 * 60;

/** Who is signed in, where, and the name the portal's link gave the sandbox's app. */
export type CustomerSession = { tenantId: string; customerId: string; appName: string };

const KIND = "ConnectedAppsSession";
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

export const newCookieValue = () => randomBytes(32).toString("base64url");

/** The cookie's value, if it has the shape of one of ours. */
export function readCookieValue(header: string | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === CUSTOMER_SESSION_COOKIE) {
      const value = rest.join("=");
      return COOKIE_VALUE.test(value) ? value : null;
    }
  }
  return null;
}

/** Set-Cookie for the page's cookie: only its own path, never readable by script, never sent cross-site. */
export function sessionCookie(value: string | null, secure: boolean): string {
  const attributes = [
    `${CUSTOMER_SESSION_COOKIE}=${value ?? ""}`,
    "Path=/oauth/connected-apps",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${value ? CUSTOMER_SESSION_SECONDS : 0}`,
  ];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

const store = (db: PrismaClient) => new PrismaOidcAdapter(KIND, db);

export async function startCustomerSession(db: PrismaClient, session: CustomerSession): Promise<string> {
  const id = newCookieValue();
  await store(db).upsert(id, { ...session }, CUSTOMER_SESSION_SECONDS);
  return id;
}

export async function findCustomerSession(db: PrismaClient, id: string | null): Promise<CustomerSession | null> {
  if (!id) return null;
  const found = await store(db).find(id);
  return typeof found?.tenantId === "string" && typeof found.customerId === "string"
    ? { tenantId: found.tenantId, customerId: found.customerId, appName: typeof found.appName === "string" ? found.appName : "" }
    : null;
}

export async function endCustomerSession(db: PrismaClient, id: string | null): Promise<void> {
  if (id) await store(db).destroy(id);
}

/** CSRF tokens: an HMAC of the cookie's value (the login nonce, or the session id), per form purpose. */
export function csrfToken(secret: string, purpose: "login" | "session", cookieValue: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "", "openbank connected-apps-csrf v1", 32));
  return createHmac("sha256", key).update(`${purpose}:${cookieValue}`).digest("base64url");
}

export function validCsrf(secret: string, purpose: "login" | "session", cookieValue: string | null, given: string | null): boolean {
  if (!cookieValue || !given) return false;
  const expected = Buffer.from(csrfToken(secret, purpose, cookieValue));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
