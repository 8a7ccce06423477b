import { CONNECTED_APPS_PATH, signConnectedAppsLink } from "@openbank/contracts/connected-apps-link";
import { env } from "../env";

/**
 * The signed link to the bank's connected-apps page for the app's sandbox (a tenant is an app),
 * made when a developer who may manage the app asks for it, never put in a page: it is the way in
 * to sign in as the sandbox's test customers, so it lives minutes. The bank checks the signature
 * with the internal secret both hold.
 */
export function createConnectedAppsLink(options: { appId: string; now?: Date }): { url: string; expires_at: string } {
  const config = env();
  const now = options.now ?? new Date();
  const query = signConnectedAppsLink({ internalSecret: config.BANK_INTERNAL_SECRET, tenantId: options.appId, now });
  const url = new URL(`${CONNECTED_APPS_PATH}?${query}`, config.PORTAL_URL).toString();
  return { url, expires_at: new Date(Number(query.get("exp")) * 1000).toISOString() };
}
