import { env } from "@/lib/env";

/**
 * The WebAuthn relying party is the portal itself: its id is PORTAL_URL's host name (a passkey made
 * on localhost works on any localhost port; one made for the deployment's host only there) and
 * every ceremony must come from PORTAL_URL's origin.
 */
export function relyingParty(): { id: string; name: string; origin: string } {
  const url = new URL(env().PORTAL_URL);
  return { id: url.hostname, name: "Open Bank Developers", origin: url.origin };
}
