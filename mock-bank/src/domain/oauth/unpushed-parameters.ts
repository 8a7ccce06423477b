import { decodeJwt } from "jose";
import type Provider from "oidc-provider";

const PUSHED_REQUEST_URN = "urn:ietf:params:oauth:request_uri:";

/**
 * RFC 9126 §4 and FAPI 2.0: with a request_uri, the authorization request is what was pushed.
 * OpenID Connect clients repeat response_type, scope and the like in the query (Core §6.1); a
 * repeat that equals the pushed value is harmless, anything else was not pushed. Returns the
 * offending names ([] when the request is fine, or when the request_uri is unknown: the
 * authorization server then refuses it on its own).
 */
export async function unpushedParameters(provider: Provider, query: URLSearchParams): Promise<string[]> {
  const requestUri = query.get("request_uri");
  if (!requestUri?.startsWith(PUSHED_REQUEST_URN)) return [];
  const pushed = await provider.PushedAuthorizationRequest.find(requestUri.slice(PUSHED_REQUEST_URN.length), { ignoreExpiration: true });
  if (!pushed) return [];
  let params: Record<string, unknown>;
  try {
    params = decodeJwt(pushed.request);
  } catch {
    return [];
  }
  const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  return [...new Set(query.keys())].filter(
    (name) => name !== "client_id" && name !== "request_uri" && (query.getAll(name).length > 1 || asText(params[name]) !== query.get(name)),
  );
}
