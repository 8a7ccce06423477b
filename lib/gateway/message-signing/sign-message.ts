import { FlattenedSign } from "jose";
import { messageSigningKey } from "@openbank/contracts/message-signing-key";
import { OB_CLAIMS } from "./verify-message-signature";

/** Who the sandbox bank is in its signatures' `…/iss` (an ASPSP's org id in the UK directory). */
export const BANK_SIGNATURE_ISSUER = "openbank-sandbox-bank";

/**
 * The bank's signature of an answer: a detached JWS (`header..signature`) over the body as sent,
 * PS256 with the message-signing key derived from the internal secret (published at
 * /directory/bank/jwks.json), with the UK profile's critical claims. Signed the 4.0 way: the body
 * is base64url-encoded in the signing input (no `b64` header).
 */
export function createMessageSigner(options: { internalSecret: string; trustAnchor: string; now?: () => number }) {
  return async function sign(body: Buffer): Promise<string> {
    // Derived on first use (a few hundred ms once per process), not when the gateway is built.
    const key = messageSigningKey(options.internalSecret);
    const jws = await new FlattenedSign(body)
      .setProtectedHeader({
        alg: "PS256",
        kid: key.kid,
        typ: "JOSE",
        cty: "application/json",
        [OB_CLAIMS.iat]: Math.floor((options.now ?? Date.now)() / 1000),
        [OB_CLAIMS.iss]: BANK_SIGNATURE_ISSUER,
        [OB_CLAIMS.tan]: options.trustAnchor,
        crit: [OB_CLAIMS.iat, OB_CLAIMS.iss, OB_CLAIMS.tan],
      })
      .sign(key.privateKey, { crit: { [OB_CLAIMS.iat]: true, [OB_CLAIMS.iss]: true, [OB_CLAIMS.tan]: true } });
    return `${jws.protected}..${jws.signature}`;
  };
}

export type MessageSigner = ReturnType<typeof createMessageSigner>;
