/**
 * OAuth answers its errors with a code and a sentence; a developer rehearsing FAPI 2.0 needs to
 * know which requirement they broke and where it is explained. Each rule recognises one of the
 * authorization server's refusals and names the requirement and the guide's paragraph about it.
 */
export const FAPI_GUIDE_PATH = "/docs/guides/openid-connect-fapi";

type Rule = { match: RegExp; anchor: string; requirement: string };

const RULES: Rule[] = [
  {
    match: /pushed authorization request must be used|\bPAR\b|Pushed Authorization Request/,
    anchor: "par",
    requirement:
      "FAPI 2.0 requires pushed authorization requests (RFC 9126): POST the parameters to /oauth/par, then send only client_id and request_uri to /oauth/authorize.",
  },
  {
    match: /not pushed/i,
    anchor: "par",
    requirement: "FAPI 2.0: /oauth/authorize takes only client_id and request_uri; every other parameter must be pushed to /oauth/par.",
  },
  {
    match: /DPoP/i,
    anchor: "dpop",
    requirement:
      "FAPI 2.0 binds tokens to a DPoP key (RFC 9449): send a DPoP proof (typ dpop+jwt, htm, htu, iat, jti, and the server's nonce when asked) with every token request.",
  },
  {
    match: /code_challenge|PKCE|code_verifier/i,
    anchor: "pkce",
    requirement: "PKCE with S256 is required for every authorization request (RFC 7636).",
  },
  {
    match: /client authentication|token_endpoint_auth_method|client_assertion|invalid_client/i,
    anchor: "client-authentication",
    requirement:
      "FAPI 2.0 clients authenticate with private_key_jwt (RFC 7523): a client_assertion signed by a key in the app's registered JWKS, aud = the issuer.",
  },
  {
    match: /Request Object|request object/i,
    anchor: "request-objects",
    requirement:
      "Signed request objects (RFC 9101) must carry aud, exp, nbf (exp at most 60 minutes after nbf) and be signed by a registered key.",
  },
  {
    match: /redirect_uri/i,
    anchor: "redirect-uris",
    requirement: "redirect_uri must exactly match one of the app's registered redirect URIs.",
  },
  {
    match: /software_statement|software statement/i,
    anchor: "registration",
    requirement:
      "Dynamic client registration needs a software statement issued by the portal for your app (POST /api/apps/{appId}/software-statement).",
  },
];

export function explainError(
  out: { error: string; error_description?: string },
  docsBaseUrl: string,
): { description: string; uri: string } | null {
  const text = `${out.error} ${out.error_description ?? ""}`;
  const rule = RULES.find((candidate) => candidate.match.test(text));
  if (!rule) return null;
  const said = out.error_description ? `${out.error_description.replace(/\.?$/, ".")} ` : "";
  return { description: `${said}${rule.requirement}`, uri: `${docsBaseUrl.replace(/\/$/, "")}${FAPI_GUIDE_PATH}#${rule.anchor}` };
}
