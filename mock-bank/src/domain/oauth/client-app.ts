/**
 * The OAuth client as the portal's gateway names it on the internal hop. Apps, client
 * credentials and registered redirect URIs belong to the portal (one source of truth): the
 * gateway looks the app up by `client_id` (and checks the secret at the token endpoint), then
 * sends these headers. The bank trusts them because only the gateway holds the internal secret.
 *
 *   x-app-id              the app (also the sandbox tenant)
 *   x-app-name            URI-encoded display name, shown on the consent screen
 *   x-app-redirect-uris   URI-encoded JSON array of the registered redirect URIs
 */
export type ClientApp = { appId: string; name: string; redirectUris: string[] };

const APP_ID = /^[A-Za-z0-9_]{1,64}$/;

type Headers = Record<string, string | string[] | undefined>;

export function readClientApp(headers: Headers): ClientApp | null {
  const appId = headers["x-app-id"];
  const name = headers["x-app-name"];
  const uris = headers["x-app-redirect-uris"];
  if (typeof appId !== "string" || !APP_ID.test(appId) || typeof name !== "string" || typeof uris !== "string") return null;
  try {
    const redirectUris = JSON.parse(decodeURIComponent(uris)) as unknown;
    if (!Array.isArray(redirectUris) || !redirectUris.every((uri) => typeof uri === "string")) return null;
    return { appId, name: decodeURIComponent(name), redirectUris };
  } catch {
    return null;
  }
}
