/**
 * Client authentication at the token endpoint (RFC 6749 §2.3.1): HTTP Basic with the
 * form-encoded client id and secret, or `client_id` + `client_secret` in the body. Using
 * both at once is an error. Returns the pair or the OAuth error to answer with.
 */
export type ClientCredentials =
  | { ok: true; clientId: string; secret: string; method: "basic" | "post" }
  | { ok: false; error: "invalid_request" | "invalid_client"; description: string };

function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

export function readClientCredentials(authorization: string | null, form: URLSearchParams): ClientCredentials {
  const inBody = form.has("client_secret");
  if (authorization) {
    if (inBody)
      return {
        ok: false,
        error: "invalid_request",
        description: "Authenticate the client one way only: HTTP Basic or client_secret in the body, not both.",
      };
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    const decoded = match ? Buffer.from(match[1], "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : null;
    const secret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : null;
    if (!clientId || !secret)
      return {
        ok: false,
        error: "invalid_client",
        description: "Send the client id and secret as HTTP Basic credentials: base64(client_id:client_secret).",
      };
    const bodyId = form.get("client_id");
    if (bodyId !== null && bodyId !== clientId)
      return {
        ok: false,
        error: "invalid_request",
        description: "client_id in the body differs from the one in the Authorization header.",
      };
    return { ok: true, clientId, secret, method: "basic" };
  }
  const clientId = form.get("client_id");
  const secret = form.get("client_secret");
  if (form.getAll("client_id").length > 1 || form.getAll("client_secret").length > 1)
    return { ok: false, error: "invalid_request", description: "client_id and client_secret must not be repeated." };
  if (!clientId || !secret)
    return {
      ok: false,
      error: "invalid_client",
      description:
        "Client authentication is required: HTTP Basic (client_secret_basic) or client_id + client_secret in the body (client_secret_post).",
    };
  return { ok: true, clientId, secret, method: "post" };
}
