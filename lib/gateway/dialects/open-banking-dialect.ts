import { randomUUID } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";
import { PRIVATE_NO_STORE, problemTypeUrl } from "@openbank/contracts/problem";
import { OB_BODYLESS_STATUSES, OB_ERROR_CONTENT_TYPE, obErrorBody, type ObErrorName } from "@openbank/contracts/open-banking-errors";
import type { AppSigning } from "../message-signing/app-signing";
import { verifyMessageSignature } from "../message-signing/verify-message-signature";
import { BASE_PASS_HEADERS, challengeText, UUID, type Dialect, type DialectRequest } from "./dialect";

/** The path prefix of the UK Open Banking Read/Write API 4.0 surface. */
export const OPEN_BANKING_PREFIX = "/open-banking/v4.0/";

/** Payment initiation and VRP: the operations whose requests and answers the 4.0 documents sign. */
const PAYMENTS_PREFIX = `${OPEN_BANKING_PREFIX}pisp/`;
const SIGNED_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * UK message signing (the Read/Write API profile's "Message Signing"): an app that turned it on
 * signs its payment requests (`x-jws-signature`, checked here with its registered keys), and the
 * bank signs its answers to it (told by `x-ob-message-signing: on`). Payment answers are signed
 * whatever the app chose (the 4.0 documents require it): the bank's by the bank, the gateway's own
 * refusals here, with the same key (@openbank/contracts/message-signing, published at /oauth/jwks).
 */
export type UkMessageSigning = {
  /** The app's signing settings; null when it does not sign its messages. */
  appSigning(appId: string): Promise<AppSigning | null>;
  /** The sandbox's trust anchor (`…/tan`): the portal's host, where the keys are published. */
  trustAnchor: string;
  /** The bank's detached signature of these body bytes. */
  sign(body: Buffer): string;
};

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
export function openBankingDialect(options: { docsBaseUrl: string; messageSigning?: UkMessageSigning }): Dialect {
  const { messageSigning } = options;
  // The UK code of a refusal made here (signatures), which the AppError alone does not carry.
  const ukRefusals = new WeakMap<AppError, { name: ObErrorName; path?: string }>();
  const isPayment = (call: DialectRequest) => call.path.startsWith(PAYMENTS_PREFIX);
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
      const headers = new Headers({ "cache-control": PRIVATE_NO_STORE });
      for (const source of [error.headers, extra]) for (const name in source) headers.set(name, source[name]);
      if (error.status === 401) headers.set("www-authenticate", withDescription(headers.get("www-authenticate"), error));
      if (OB_BODYLESS_STATUSES.has(error.status)) return { status: error.status, headers, body: null };
      const { name, path } = ukRefusals.get(error) ?? ukNameOf(error);
      headers.set("content-type", OB_ERROR_CONTENT_TYPE);
      const body = obErrorBody({
        status: error.status,
        id: requestId,
        message: error.message,
        errors: [{ name, message: error.message, path, url: problemTypeUrl(error.code, options.docsBaseUrl) }],
      });
      return { status: error.status, headers, body: JSON.stringify(body) };
    },
    async beforeForward(call, { appId, body }) {
      if (!messageSigning) return {};
      const signing = await messageSigning.appSigning(appId);
      if (!signing) return {};
      // The bank signs its answers to an app that signs (on every UK route, not only payments).
      const toBank = { "x-ob-message-signing": "on" };
      if (!SIGNED_METHODS.has(call.method) || !isPayment(call)) return { toBank };
      const verdict = signing.keys
        ? await verifyMessageSignature({
            signature: call.headers.get("x-jws-signature"),
            body,
            keys: signing.keys,
            issuers: signing.issuers,
            trustAnchor: messageSigning.trustAnchor,
          })
        : ({
            ok: false,
            name: "UK.OBIE.Signature.InvalidClaim",
            path: "kid",
            detail: "The app's keys could not be read from its jwks_uri, so no signature can be checked. Check the URL answers a JWK Set.",
          } as const);
      if (verdict.ok) return { toBank };
      const refusal = new AppError("invalid_message_signature", verdict.detail, {
        errors: [{ pointer: "/headers/x-jws-signature", detail: verdict.detail }],
      });
      ukRefusals.set(refusal, { name: verdict.name, path: verdict.path ?? "x-jws-signature" });
      return { refusal };
    },
    async seal(result, call) {
      // The gateway's own answers to payment calls (its refusals): the bank signed its own already.
      if (!messageSigning || call.method === "HEAD" || !isPayment(call) || result.headers.has("x-jws-signature")) return;
      if (result.body === null || result.body.length === 0) return;
      result.headers.set("x-jws-signature", messageSigning.sign(typeof result.body === "string" ? Buffer.from(result.body) : result.body));
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
