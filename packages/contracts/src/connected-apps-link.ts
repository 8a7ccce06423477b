import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * The signed link that opens the bank's "connected apps" page for one sandbox (a tenant is an app).
 * The portal signs it for a developer allowed to manage the app; the bank checks it before showing
 * anything. Both sides hold the internal secret; the key is derived from it for this purpose only,
 * so a signature made here is worth nothing anywhere else. The link expires: it is the capability
 * to sign in as the tenant's test customers, whose passwords are documented.
 */
export const CONNECTED_APPS_PATH = "/oauth/connected-apps";

/** How long a link works once the portal made it (the page's own session lasts longer). */
export const CONNECTED_APPS_LINK_SECONDS = 10 * 60;

const TENANT = /^[A-Za-z0-9_]{1,64}$/;

function key(internalSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", internalSecret, "", "openbank connected-apps-link v1", 32));
}

const signature = (internalSecret: string, tenantId: string, expires: number) =>
  createHmac("sha256", key(internalSecret)).update(`${tenantId}.${expires}`).digest("base64url");

/** The link's query: the tenant, its expiry (Unix seconds) and the signature over both. */
export function signConnectedAppsLink(options: { internalSecret: string; tenantId: string; now: Date }): URLSearchParams {
  const expires = Math.floor(options.now.getTime() / 1000) + CONNECTED_APPS_LINK_SECONDS;
  return new URLSearchParams({
    tenant: options.tenantId,
    exp: String(expires),
    sig: signature(options.internalSecret, options.tenantId, expires),
  });
}

export type LinkCheck = { ok: true; tenantId: string } | { ok: false; reason: "invalid" | "expired" };

/**
 * The tenant a link names, if the portal signed it and it has not expired. An unsigned, altered or
 * foreign link is `invalid` whatever it names: the answer never says whether a tenant exists.
 */
export function verifyConnectedAppsLink(options: {
  internalSecret: string;
  tenant: unknown;
  exp: unknown;
  sig: unknown;
  now: Date;
}): LinkCheck {
  const { tenant, exp, sig } = options;
  if (typeof tenant !== "string" || typeof exp !== "string" || typeof sig !== "string") return { ok: false, reason: "invalid" };
  if (!TENANT.test(tenant) || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(options.internalSecret, tenant, Number(exp)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (Number(exp) * 1000 <= options.now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, tenantId: tenant };
}
