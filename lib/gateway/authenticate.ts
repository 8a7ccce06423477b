import { AppError } from "@openbank/contracts/errors";
import type { HeaderMap } from "./call";
import type { KeyVerification } from "../keys/verify-key";
import type { KeyScope } from "../keys/key-lifecycle";
import { dpopRefusal } from "./dpop/dpop-challenge";
import type { DpopVerifier } from "./dpop/verify-dpop-proof";

/** Who is calling: an app, through one of its keys or a customer's consent token. */
export type Caller = {
  appId: string;
  /** The API key; null for a consent token. */
  keyId: string | null;
  /** What logs show: the key's or the token's display prefix. */
  prefix: string;
  /** A consent access token, forwarded to the bank, which decides what it may do. */
  consentToken?: string;
  /** An API key's scope (read-only keys may only read); absent for consent tokens. */
  scope?: KeyScope;
  /** A platform admin suspended the app: the gateway refuses it (app_suspended). */
  appSuspended?: boolean;
  /** A DPoP-bound token whose proof passed: the answer carries this nonce for the next proof (`DPoP-Nonce`). */
  dpopNonce?: string;
};

export type Authenticated = { ok: true; caller: Caller } | { ok: false; error: AppError };

export type Credentials = {
  /** `Authorization: Bearer sk_sandbox_…` → the key, or why not. */
  verifyKey: (secret: string) => Promise<KeyVerification>;
  /**
   * The interactive docs' credential: a signed-in developer's session cookie plus
   * `X-Portal-Key-Id`, so Try-it-out works with any of their keys without the secret
   * ever being stored in the browser. Absent where no portal session exists.
   */
  resolvePortalKey?: (request: { headers: Pick<HeaderMap, "get"> }, keyId: string) => Promise<KeyVerification>;
  /**
   * `Authorization: Bearer <token>` or `DPoP <token>` (anything but an API key) → the app the
   * consent token was issued to and the key it is bound to (null: unknown token), or why it cannot be told.
   */
  resolveConsentToken?: (token: string) => Promise<TokenOwner>;
  /** Checks the `DPoP` proof of calls with DPoP-bound tokens; without it such tokens are refused. */
  dpop?: DpopVerifier;
};

export type TokenOwner =
  | {
      ok: true;
      /** `jkt`: the RFC 7638 thumbprint of the DPoP key the token is bound to; null or absent for a bearer token. */
      owner: { appId: string; appSuspended?: boolean; jkt?: string | null } | null;
    }
  | { ok: false; error: AppError };

/**
 * Consent access tokens the bank may know: today's `oat_…` and the authorization server's
 * unprefixed ones (base64url, 43 characters by default). Anything else that is not an API key
 * (`sk_…`) is unknown without asking the bank.
 */
const CONSENT_TOKEN = /^(oat_[0-9A-Za-z]{43}|[A-Za-z0-9_-]{32,200})$/;
const API_KEY_LIKE = /^sk_/;

const messages = {
  invalid_api_key: "The API key is not valid. Check for typos, or create a new key in the dashboard.",
  revoked_api_key: "This API key has been revoked. Use another key from the dashboard.",
  expired_api_key: "This API key has expired. Use another key from the dashboard.",
} as const;

const invalidToken = () =>
  new AppError(
    "invalid_token",
    "The access token is not valid. Get one at POST /oauth/token, or mint a sandbox consent with POST /v1/sandbox/consents.",
    {
      headers: { "www-authenticate": `Bearer realm="sandbox", error="invalid_token"` },
    },
  );

/** Step 1 of the pipeline: who is calling. Expected failures are values. */
export async function authenticate(
  request: { method: string; path: string; headers: Pick<HeaderMap, "get"> },
  credentials: Credentials,
): Promise<Authenticated> {
  const authorization = request.headers.get("authorization");
  const portalKeyId = request.headers.get("x-portal-key-id");
  let verification: KeyVerification;
  if (authorization) {
    const match = /^(Bearer|DPoP)\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      return { ok: false, error: new AppError("invalid_api_key", "Send the key as `Authorization: Bearer sk_sandbox_…`.") };
    }
    const dpopScheme = match[1].toLowerCase() === "dpop";
    const credential = match[2];
    if (API_KEY_LIKE.test(credential) && dpopScheme) {
      return {
        ok: false,
        error: new AppError(
          "invalid_api_key",
          "Send API keys as `Authorization: Bearer sk_sandbox_…`; the DPoP scheme is for DPoP-bound access tokens.",
        ),
      };
    }
    const consentToken = !API_KEY_LIKE.test(credential) && (dpopScheme || credential.startsWith("oat_") || CONSENT_TOKEN.test(credential));
    if (consentToken && credentials.resolveConsentToken) {
      return authenticateConsentToken(request, { token: credential, dpopScheme }, credentials.resolveConsentToken, credentials.dpop);
    }
    verification = await credentials.verifyKey(credential);
  } else if (portalKeyId && credentials.resolvePortalKey) {
    verification = await credentials.resolvePortalKey(request, portalKeyId);
  } else {
    return {
      ok: false,
      error: new AppError("missing_api_key", "Send your sandbox key as `Authorization: Bearer sk_sandbox_…`.", {
        headers: { "www-authenticate": 'Bearer realm="sandbox"' },
      }),
    };
  }
  if (!verification.valid) {
    return {
      ok: false,
      error: new AppError(verification.code, verification.detail ?? messages[verification.code], {
        headers: { "www-authenticate": `Bearer realm="sandbox", error="invalid_token"` },
      }),
    };
  }
  const { key } = verification;
  return { ok: true, caller: { appId: key.appId, keyId: key.keyId, prefix: key.prefix, scope: key.scope, appSuspended: key.appSuspended } };
}

/**
 * A consent access token: its app, and for a DPoP-bound token (RFC 9449) the proof of possession.
 * The bank checks the token itself on the call (revocation, expiry, scope); here we only need its
 * app, for the rate limit and the request log, and its binding, which only the gateway sees the proof for.
 */
async function authenticateConsentToken(
  request: { method: string; path: string; headers: Pick<HeaderMap, "get"> },
  { token, dpopScheme }: { token: string; dpopScheme: boolean },
  resolveConsentToken: NonNullable<Credentials["resolveConsentToken"]>,
  dpop: DpopVerifier | undefined,
): Promise<Authenticated> {
  const found: TokenOwner = CONSENT_TOKEN.test(token) ? await resolveConsentToken(token) : { ok: true, owner: null };
  if (!found.ok) return found;
  const { owner } = found;
  if (!owner) return { ok: false, error: invalidToken() };
  let dpopNonce: string | undefined;
  if (owner.jkt) {
    // No verifier, no way to check the binding: refused, never forwarded as a bearer token.
    if (!dpop)
      return { ok: false, error: new AppError("invalid_token", "This access token is DPoP-bound, and DPoP is not available here.") };
    const proof = request.headers.get("dpop");
    if (!dpopScheme || proof === null) {
      const sent = dpopScheme ? "without a DPoP header" : "with the Bearer scheme";
      return {
        ok: false,
        error: dpopRefusal(
          "invalid_token",
          `This access token is bound to a DPoP key, and it was sent ${sent}. Send it as \`Authorization: DPoP <token>\` with a \`DPoP\` header holding a proof signed by that key.`,
          dpop.nonce(),
        ),
      };
    }
    const verdict = await dpop.verify({ proof, method: request.method, path: request.path, accessToken: token, jkt: owner.jkt });
    if (!verdict.ok) return { ok: false, error: dpopRefusal(verdict.code, verdict.detail, dpop.nonce()) };
    dpopNonce = dpop.nonce();
  } else if (dpopScheme) {
    // RFC 9449 §7.1: the DPoP scheme asserts a binding the gateway must check against the proof's
    // key; a bearer token has none, so the claim is false and the call is refused.
    return {
      ok: false,
      error: dpopRefusal(
        "invalid_token",
        "This access token is not DPoP-bound: send it as `Authorization: Bearer <token>`, or get a DPoP-bound token by sending a DPoP proof to the token endpoint.",
        dpop?.nonce(),
      ),
    };
  }
  return {
    ok: true,
    caller: {
      appId: owner.appId,
      keyId: null,
      prefix: `${token.slice(0, 8)}…${token.slice(-4)}`,
      consentToken: token,
      appSuspended: owner.appSuspended,
      dpopNonce,
    },
  };
}
