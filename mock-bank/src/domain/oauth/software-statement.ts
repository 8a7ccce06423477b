import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

type Checked =
  | { ok: true; metadata: Record<string, unknown> }
  | { ok: false; error: "invalid_software_statement" | "unapproved_software_statement" | "invalid_client_metadata"; description: string };

/** Client metadata a registration may set itself; the rest comes from the statement or the bank. */
const CLIENT_CHOSEN = [
  "redirect_uris",
  "token_endpoint_auth_method",
  "token_endpoint_auth_signing_alg",
  "grant_types",
  "response_types",
  "scope",
  "id_token_signed_response_alg",
  "request_object_signing_alg",
  "dpop_bound_access_tokens",
  "require_pushed_authorization_requests",
  "contacts",
  "logo_uri",
  "client_uri",
  "policy_uri",
  "tos_uri",
] as const;

const jwksSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

type Statement = JWTPayload & {
  software_id?: string;
  software_client_name?: string;
  software_redirect_uris?: string[];
  software_jwks?: { keys: unknown[] };
  software_jwks_uri?: string;
  software_roles?: string[];
  org_id?: string;
};

/**
 * RFC 7591 §2.3 with the portal as the sandbox's directory: the registration must carry a
 * software statement the portal signed for an app; the client is then that app's, with the
 * statement's name and keys, and redirect URIs among the statement's. A client that
 * authenticates with nothing (a public client) is not registered.
 */
export async function registerWithSoftwareStatement(
  body: unknown,
  directory: { directoryJwksUrl: string; directoryIssuer: string },
): Promise<Checked> {
  const request = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const jwt = request.software_statement;
  if (typeof jwt !== "string")
    return {
      ok: false,
      error: "invalid_software_statement",
      description: "software_statement is required: get one for your app in the portal (POST /api/apps/{appId}/software-statement).",
    };
  let claims: Statement;
  try {
    let keys = jwksSets.get(directory.directoryJwksUrl);
    if (!keys) jwksSets.set(directory.directoryJwksUrl, (keys = createRemoteJWKSet(new URL(directory.directoryJwksUrl))));
    ({ payload: claims } = await jwtVerify(jwt, keys, { issuer: directory.directoryIssuer, requiredClaims: ["exp", "iat"] }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : "it could not be verified";
    return {
      ok: false,
      error: "unapproved_software_statement",
      description: `The software statement was not issued by this sandbox's directory or is no longer valid (${reason}).`,
    };
  }
  if (typeof claims.software_id !== "string" || !Array.isArray(claims.software_redirect_uris))
    return {
      ok: false,
      error: "invalid_software_statement",
      description: "The software statement lacks software_id or software_redirect_uris.",
    };

  const chosen = Object.fromEntries(CLIENT_CHOSEN.filter((name) => name in request).map((name) => [name, request[name]]));
  const redirectUris = (chosen.redirect_uris as string[] | undefined) ?? claims.software_redirect_uris;
  if (!Array.isArray(redirectUris) || !redirectUris.every((uri) => claims.software_redirect_uris!.includes(uri)))
    return {
      ok: false,
      error: "invalid_client_metadata",
      description: "redirect_uris must be among the software statement's software_redirect_uris.",
    };
  const method = chosen.token_endpoint_auth_method ?? "private_key_jwt";
  if (method === "none")
    return {
      ok: false,
      error: "invalid_client_metadata",
      description: "Public clients are not registered: authenticate with private_key_jwt.",
    };
  const fapi =
    method === "private_key_jwt" && chosen.dpop_bound_access_tokens === true && chosen.require_pushed_authorization_requests === true;
  return {
    ok: true,
    metadata: {
      ...chosen,
      token_endpoint_auth_method: method,
      redirect_uris: redirectUris,
      client_name: claims.software_client_name ?? claims.software_id,
      software_id: claims.software_id,
      app_id: claims.software_id,
      profile: fapi ? "fapi2" : "basic",
      ...(claims.software_jwks ? { jwks: claims.software_jwks } : {}),
      ...(claims.software_jwks_uri ? { jwks_uri: claims.software_jwks_uri } : {}),
    },
  };
}
