import { AppError } from "@openbank/contracts/errors";
import type { HeaderMap } from "./call";
import type { KeyVerification } from "../keys/verify-key";
import type { KeyScope } from "../keys/key-lifecycle";

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
  /** `Authorization: Bearer oat_…` → the app the consent token was issued to (null: unknown token), or why it cannot be told. */
  resolveConsentToken?: (token: string) => Promise<TokenOwner>;
};

export type TokenOwner = { ok: true; owner: { appId: string; appSuspended?: boolean } | null } | { ok: false; error: AppError };

const CONSENT_TOKEN = /^oat_[0-9A-Za-z]{43}$/;

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
export async function authenticate(request: { headers: Pick<HeaderMap, "get"> }, credentials: Credentials): Promise<Authenticated> {
  const authorization = request.headers.get("authorization");
  const portalKeyId = request.headers.get("x-portal-key-id");
  let verification: KeyVerification;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      return { ok: false, error: new AppError("invalid_api_key", "Send the key as `Authorization: Bearer sk_sandbox_…`.") };
    }
    if (match[1].startsWith("oat_") && credentials.resolveConsentToken) {
      // The bank checks the token itself on the call (revocation, expiry, scope); here we
      // only need its app, for the rate limit and the request log.
      const found: TokenOwner = CONSENT_TOKEN.test(match[1]) ? await credentials.resolveConsentToken(match[1]) : { ok: true, owner: null };
      if (!found.ok) return found;
      const { owner } = found;
      if (!owner) return { ok: false, error: invalidToken() };
      const token = match[1];
      return {
        ok: true,
        caller: {
          appId: owner.appId,
          keyId: null,
          prefix: `${token.slice(0, 8)}…${token.slice(-4)}`,
          consentToken: token,
          appSuspended: owner.appSuspended,
        },
      };
    }
    verification = await credentials.verifyKey(match[1]);
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
