/**
 * Query parameters whose values are secrets of a flow, masked wherever a URL is logged (the
 * portal's request log, the bank's log lines): OAuth's one-time codes, states, nonces and request
 * URIs, and the signature of a connected-apps link (`sig`, the capability to sign in as the
 * tenant's test customers while it lasts).
 */
export const SECRET_QUERY_PARAMETERS = ["code", "state", "request_uri", "nonce", "sig"] as const;

const SECRET_QUERY_VALUE = new RegExp(`([?&](?:${SECRET_QUERY_PARAMETERS.join("|")})=)[^&#]*`, "g");

/** A path or URL with the values of its secret query parameters replaced by `censor`. */
export function maskUrlSecrets(url: string, censor = "…"): string {
  return url.replace(SECRET_QUERY_VALUE, `$1${censor}`);
}
