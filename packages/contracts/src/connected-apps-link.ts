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

/** The longest app name a link carries (the portal's own bound on app names is lower). */
const NAME_MAX = 100;

const signature = (internalSecret: string, tenantId: string, expires: number, appName: string) =>
  createHmac("sha256", key(internalSecret))
    .update(JSON.stringify([tenantId, expires, appName]))
    .digest("base64url");

/**
 * The link's query: the tenant, the app's name as the portal knows it (the bank shows it for
 * consents whose client it never saw), the expiry (Unix seconds) and the signature over all three.
 */
export function signConnectedAppsLink(options: { internalSecret: string; tenantId: string; appName: string; now: Date }): URLSearchParams {
  const expires = Math.floor(options.now.getTime() / 1000) + CONNECTED_APPS_LINK_SECONDS;
  const appName = options.appName.slice(0, NAME_MAX);
  return new URLSearchParams({
    tenant: options.tenantId,
    app: appName,
    exp: String(expires),
    sig: signature(options.internalSecret, options.tenantId, expires, appName),
  });
}

export type LinkCheck = { ok: true; tenantId: string; appName: string } | { ok: false; reason: "invalid" | "expired" };

/**
 * The tenant a link names, if the portal signed it and it has not expired. An unsigned, altered or
 * foreign link is `invalid` whatever it names: the answer never says whether a tenant exists.
 */
export function verifyConnectedAppsLink(options: {
  internalSecret: string;
  tenant: unknown;
  app: unknown;
  exp: unknown;
  sig: unknown;
  now: Date;
}): LinkCheck {
  const { tenant, app, exp, sig } = options;
  if (typeof tenant !== "string" || typeof app !== "string" || typeof exp !== "string" || typeof sig !== "string")
    return { ok: false, reason: "invalid" };
  if (!TENANT.test(tenant) || app.length > NAME_MAX || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig))
    return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(options.internalSecret, tenant, Number(exp), app));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (Number(exp) * 1000 <= options.now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, tenantId: tenant, appName: app };
}
