import { CONNECTED_APPS_PATH, signConnectedAppsLink } from "@openbank/contracts/connected-apps-link";
import { db } from "../db";
import { env } from "../env";

/**
 * The signed link to the bank's connected-apps page for the app's sandbox (a tenant is an app),
 * made when a developer who may manage the app asks for it, never put in a page: it is the way in
 * to sign in as the sandbox's test customers, so it lives minutes. The bank checks the signature
 * with the internal secret both hold; the app's name rides along, signed, for the customer to read.
 */
export async function createConnectedAppsLink(options: { appId: string; now?: Date }): Promise<{ url: string; expires_at: string }> {
  const config = env();
  const now = options.now ?? new Date();
  const app = await db().app.findUniqueOrThrow({ where: { id: options.appId }, select: { name: true } });
  const query = signConnectedAppsLink({ internalSecret: config.BANK_INTERNAL_SECRET, tenantId: options.appId, appName: app.name, now });
  const url = new URL(`${CONNECTED_APPS_PATH}?${query}`, config.PORTAL_URL).toString();
  return { url, expires_at: new Date(Number(query.get("exp")) * 1000).toISOString() };
}
