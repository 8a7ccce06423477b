import { randomUUID } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";
import { problemTypeUrl } from "@openbank/contracts/problem";
import { OB_BODYLESS_STATUSES, OB_ERROR_CONTENT_TYPE, obErrorBody, type ObErrorName } from "@openbank/contracts/open-banking-errors";
import { BASE_PASS_HEADERS, challengeText, UUID, type Dialect } from "./dialect";

/** The path prefix of the UK Open Banking Read/Write API 4.0 surface. */
export const OPEN_BANKING_PREFIX = "/open-banking/v4.0/";

/**
 * The FAPI and UK headers a TPP sends that the bank reads: the interaction id (also answered),
 * the customer's last login, address and user agent, the payment idempotency key, the detached
 * signature. `x-fapi-interaction-id` is sent by the gateway itself (see `open`).
 */
const UK_HEADERS = [
  "x-fapi-auth-date",
  "x-fapi-customer-ip-address",
  "x-customer-user-agent",
  "x-idempotency-key",
  "x-jws-signature",
] as const;

/**
 * UK Open Banking 4.0 (FAPI): every answer carries `x-fapi-interaction-id`, the TPP's (an RFC 4122
 * UUID) or one the gateway made up and also sent to the bank. The gateway's refusals are what the
 * 4.0 documents declare: 401 and 429 without a body (the reason in `WWW-Authenticate`'s
 * `error_description`, the wait in `Retry-After`), the others an `OBErrorResponse1`
 * (403 AG08 InvalidAccessRights, 413 U002, 5xx U000).
 */
export function openBankingDialect(options: { docsBaseUrl: string }): Dialect {
  return {
    passHeaders: [...BASE_PASS_HEADERS, ...UK_HEADERS],
    open(call, requestId) {
      const sent = call.headers.get("x-fapi-interaction-id");
      const interactionId = sent !== null && UUID.test(sent) ? sent : randomUUID();
      const onAnswer = { "x-fapi-interaction-id": interactionId, "x-request-id": requestId };
      const refusal =
        sent !== null && sent !== interactionId
          ? new AppError("validation_failed", "x-fapi-interaction-id must be an RFC 4122 UUID, or left out for the bank to make one up.", {
              errors: [{ pointer: "/headers/x-fapi-interaction-id", detail: "must be a UUID" }],
            })
          : undefined;
      return { toBank: { "x-fapi-interaction-id": interactionId }, onAnswer, refusal };
    },
    refuse(error, { requestId, headers: extra }) {
      const headers = new Headers({ "cache-control": "no-store" });
      for (const source of [error.headers, extra]) for (const name in source) headers.set(name, source[name]);
      if (error.status === 401) headers.set("www-authenticate", withDescription(headers.get("www-authenticate"), error));
      if (OB_BODYLESS_STATUSES.has(error.status)) return { status: error.status, headers, body: null };
      const { name, path } = ukNameOf(error);
      headers.set("content-type", OB_ERROR_CONTENT_TYPE);
      const body = obErrorBody({
        status: error.status,
        id: requestId,
        message: error.message,
        errors: [{ name, message: error.message, path, url: problemTypeUrl(error.code, options.docsBaseUrl) }],
      });
      return { status: error.status, headers, body: JSON.stringify(body) };
    },
  };
}

/** The 4.0 code (by its name) for one of the gateway's refusals that has a body. */
function ukNameOf(error: AppError): { name: ObErrorName; path?: string } {
  const header = error.errors?.[0]?.pointer.match(/^\/headers\/(.+)$/)?.[1];
  if (header) return { name: "UK.OBIE.Header.Invalid", path: header };
  // Longer than the bank takes: U002's "length larger than the maximum" is the nearest the set has.
  if (error.code === "payload_too_large") return { name: "UK.OBIE.Field.Invalid" };
  if (error.code === "validation_failed") return { name: "UK.OBIE.Resource.InvalidFormat" };
  if (error.status === 403) return { name: "InvalidAccessRights" };
  if (error.status >= 500) return { name: "UK.OBIE.UnexpectedError" };
  return { name: "UK.OBIE.Field.Invalid" };
}

/**
 * The error's challenge with the reason as `error_description`, since a UK 401 has no body to
 * carry it: a DPoP challenge keeps its scheme and nonce, a key's gets the Bearer scheme.
 */
function withDescription(challenge: string | null, error: AppError): string {
  const description = `error_description="${challengeText(error.message)}"`;
  if (!challenge) return `Bearer realm="sandbox", error="invalid_token", ${description}`;
  if (/error_description="[^"]*"/.test(challenge)) return challenge.replace(/error_description="[^"]*"/, description);
  return `${challenge}, ${description}`;
}
