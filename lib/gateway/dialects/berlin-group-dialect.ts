import { randomUUID } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";
import { PRIVATE_NO_STORE } from "@openbank/contracts/problem";
import {
  BG_ERROR_CONTENT_TYPE,
  bgErrorBody,
  bgErrorHasBody,
  bgMessageOf,
  bgServiceOf,
  type BgMessageCode,
} from "@openbank/contracts/berlin-group-errors";
import type { ClientApp } from "../../oauth-clients/find-client-app";
import { oauthClientHeader } from "../oauth-client-header";
import { signingRequired, verifyTppSignature, type TppSignatureContext } from "../tpp-signature/verify-tpp-signature";
import { BASE_PASS_HEADERS, UUID, type Dialect, type DialectCall } from "./dialect";

/** The path prefix of the Berlin Group NextGenPSD2 1.3.11 surface (its /v1 is not ours). */
export const BERLIN_GROUP_PREFIX = "/berlin-group/v1/";

/** The NextGenPSD2 request headers the bank reads (the PSU's context, the TPP's preferences, signing). */
const BG_HEADERS = [
  "consent-id",
  "psu-id",
  "psu-id-type",
  "psu-corporate-id",
  "psu-corporate-id-type",
  "psu-ip-address",
  "psu-ip-port",
  "psu-user-agent",
  "psu-accept",
  "psu-accept-charset",
  "psu-accept-encoding",
  "psu-accept-language",
  "psu-geo-location",
  "psu-http-method",
  "psu-device-id",
  "tpp-redirect-uri",
  "tpp-nok-redirect-uri",
  "tpp-redirect-preferred",
  "tpp-decoupled-preferred",
  "tpp-explicit-authorisation-preferred",
  "tpp-notification-uri",
  "tpp-notification-content-preferred",
  "tpp-rejection-nofunds-preferred",
  "tpp-brand-logging-information",
  "digest",
  "signature",
  "tpp-signature-certificate",
] as const;

/** The sandbox CA that issues the apps' test certificates (lib/tpp-certificates/sandbox-ca.ts). */
export type TrustedCa = TppSignatureContext["ca"];

/** The message code and status of a signing refusal (the catalogue has no code per certificate failure). */
const bgRefusals = new WeakMap<AppError, { code: BgMessageCode; status: number }>();

/**
 * Berlin Group NextGenPSD2: the TPP's `X-Request-ID` (a UUID the standard requires) goes to the
 * bank as `x-bg-request-id` and comes back as `X-Request-ID` on every answer; the gateway's own
 * request id (the one the request log keeps) goes out as `X-Sandbox-Request-Id`. Refusals carry
 * `tppMessages`, except where the document gives the status no body (5xx; 429 outside AIS).
 *
 * A call naming redirect URIs (`TPP-Redirect-URI`, `TPP-Nok-Redirect-URI`: REDIRECT SCA) carries
 * the app's OAuth client as the OAuth gateway describes it (`x-oauth-client`), so the bank checks
 * them against the app's registered redirect URIs even before the app's first /oauth call.
 *
 * An app that holds a test certificate from the portal's sandbox CA signs its requests
 * (`TPP-Signature-Certificate`, `Digest` over the exact body forwarded, `Signature`): checked here
 * (tpp-signature/verify-tpp-signature.ts) before anything reaches the bank. An app that never had
 * one is not checked, as before certificates.
 */
export function berlinGroupDialect(
  options: { findClient?: (appId: string) => Promise<ClientApp | null>; ca?: () => Promise<TrustedCa> } = {},
): Dialect {
  return {
    passHeaders: [...BASE_PASS_HEADERS, ...BG_HEADERS],
    open(call, requestId): DialectCall {
      const sent = call.headers.get("x-request-id");
      if (sent !== null && UUID.test(sent)) {
        return { toBank: { "x-bg-request-id": sent }, onAnswer: { "x-request-id": sent, "x-sandbox-request-id": requestId } };
      }
      // Nothing to echo: the answer still carries an X-Request-ID (the document requires one), made up here.
      const detail = sent === null ? "is required" : "must be a UUID";
      return {
        toBank: {},
        onAnswer: { "x-request-id": randomUUID(), "x-sandbox-request-id": requestId },
        refusal: new AppError("validation_failed", `X-Request-ID ${detail}: a UUID the TPP makes up for each request.`, {
          errors: [{ pointer: "/headers/x-request-id", detail }],
        }),
      };
    },
    async beforeForward(call, { appId, body }) {
      const namesRedirect = call.headers.get("tpp-redirect-uri") !== null || call.headers.get("tpp-nok-redirect-uri") !== null;
      if (!options.findClient || (!options.ca && !namesRedirect)) return {};
      const client = await options.findClient(appId);
      if (client && options.ca && client.tppCertificates.length > 0) {
        const now = new Date();
        const verdict = verifyTppSignature({
          method: call.method,
          path: call.path,
          headers: call.headers,
          body,
          certificates: client.tppCertificates,
          ca: await options.ca(),
          now,
          required: signingRequired(client.tppCertificates, now),
        });
        if (!verdict.ok) {
          const refusal = new AppError("invalid_message_signature", verdict.detail, {
            errors: [{ pointer: `/headers/${verdict.header.toLowerCase()}`, detail: verdict.detail }],
          });
          bgRefusals.set(refusal, { code: verdict.code, status: verdict.status });
          return { refusal };
        }
      }
      return client && namesRedirect ? { toBank: oauthClientHeader(client) } : {};
    },
    refuse(error, { path, headers: extra }) {
      const headers = new Headers({ "cache-control": PRIVATE_NO_STORE });
      for (const source of [error.headers, extra]) for (const name in source) headers.set(name, source[name]);
      // The same table as the bank's: the key is the TPP's certificate, a missing scope its role (bgMessageOf).
      const { code, status } = bgRefusals.get(error) ?? bgMessageOf(error.code, error.status);
      if (!bgErrorHasBody(status, bgServiceOf(path))) return { status, headers, body: null };
      const header = error.errors?.[0]?.pointer.match(/^\/headers\/(.+)$/)?.[1];
      headers.set("content-type", BG_ERROR_CONTENT_TYPE);
      const body = bgErrorBody([{ code, text: error.message, path: header ? headerName(header) : undefined }]);
      return { status, headers, body: JSON.stringify(body) };
    },
  };
}

/** "x-request-id" → "X-Request-ID", as the document spells its headers. */
function headerName(lower: string): string {
  return lower
    .split("-")
    .map((part) => (part === "id" ? "ID" : part === "psu" || part === "tpp" ? part.toUpperCase() : part[0].toUpperCase() + part.slice(1)))
    .join("-");
}
