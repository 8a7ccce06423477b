import { headers } from "next/headers";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { listUsableKeys } from "@/lib/keys/list-usable-keys";
import { getOAuthClient } from "@/lib/oauth-clients/get-oauth-client";
import type { SampleContext } from "./samples";

/** This portal's origin as the browser sees it (the API lives under it at /v1). */
async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const proto =
    list.get("x-forwarded-proto")?.split(",")[0] ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

/**
 * What the guides' samples are filled in with: the real base URL always; for a signed-in
 * developer, their first app's id, its OAuth client id and that app's newest usable key's display
 * prefix ("sk_sandbox_AbCd…wxyz") (never a secret).
 */
export async function getSampleContext(): Promise<SampleContext & { appName: string | null }> {
  const baseUrl = await requestOrigin();
  const user = await getCurrentUser();
  if (!user) return { baseUrl, appId: null, keyPrefix: null, clientId: null, appName: null };
  const keys = await listUsableKeys({ userId: user.id });
  // Ordered newest app first: the first app is the last app in the list; its newest key comes first.
  const firstApp = keys.at(-1)?.app_id;
  const key = keys.find((candidate) => candidate.app_id === firstApp);
  if (!key) return { baseUrl, appId: null, keyPrefix: null, clientId: null, appName: null };
  // Every app has one OAuth client, made on first sight (as its dashboard page does).
  const { client_id: clientId } = await getOAuthClient({ appId: key.app_id });
  return { baseUrl, appId: key.app_id, keyPrefix: key.prefix, clientId, appName: key.app_name };
}
