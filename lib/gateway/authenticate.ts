import { AppError } from "../errors";
import type { CachedKey } from "../keys/key-cache";
import type { KeyVerification } from "../keys/verify-key";

export type Authenticated = { ok: true; key: CachedKey } | { ok: false; error: AppError };

export type Credentials = {
  /** `Authorization: Bearer sk_sandbox_…` → the key, or why not. */
  verifyKey: (secret: string) => Promise<KeyVerification>;
  /**
   * The interactive docs' credential: a signed-in developer's session cookie plus
   * `X-Portal-Key-Id`, so Try-it-out works with any of their keys without the secret
   * ever being stored in the browser. Absent where no portal session exists.
   */
  resolvePortalKey?: (request: Request, keyId: string) => Promise<KeyVerification>;
};

const messages = {
  invalid_api_key: "The API key is not valid. Check for typos, or create a new key in the dashboard.",
  revoked_api_key: "This API key has been revoked. Use another key from the dashboard.",
  expired_api_key: "This API key has expired. Use another key from the dashboard.",
} as const;

/** Step 1 of the pipeline: who is calling. Expected failures are values. */
export async function authenticate(request: Request, credentials: Credentials): Promise<Authenticated> {
  const authorization = request.headers.get("authorization");
  const portalKeyId = request.headers.get("x-portal-key-id");
  let verification: KeyVerification;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      return { ok: false, error: new AppError("invalid_api_key", "Send the key as `Authorization: Bearer sk_sandbox_…`.") };
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
  return { ok: true, key: verification.key };
}
