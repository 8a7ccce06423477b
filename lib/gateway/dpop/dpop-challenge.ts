import { AppError } from "@openbank/contracts/errors";
import { DPOP_ALGS } from "./verify-dpop-proof";

/**
 * A refusal of a call made with, or needing, the DPoP scheme (RFC 9449 §7.1): 401 with the
 * `DPoP` challenge listing the accepted algorithms and the RFC's error code, and a fresh nonce,
 * so the client's next proof can carry it. The problem's `detail` says exactly what was wrong;
 * the challenge's `error_description` stays a fixed text (no request data in a header).
 */
export function dpopRefusal(code: "invalid_token" | "invalid_dpop_proof" | "use_dpop_nonce", detail: string, nonce?: string): AppError {
  const description = {
    invalid_token: "The access token must be used with a DPoP proof, or is not DPoP-bound",
    invalid_dpop_proof: "The DPoP proof is not valid",
    use_dpop_nonce: "A DPoP nonce is required",
  }[code];
  return new AppError(code, detail, {
    headers: {
      "www-authenticate": `DPoP algs="${DPOP_ALGS.join(" ")}", error="${code}", error_description="${description}"`,
      ...(nonce ? { "dpop-nonce": nonce } : {}),
    },
  });
}
