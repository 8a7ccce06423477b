import type { AppError } from "@openbank/contracts/errors";
import { problemAnswer } from "@openbank/contracts/problem";
import type { GatewayResult, HeaderMap } from "../call";

/**
 * What makes one API surface's pipeline speak its standard: the same steps (authenticate,
 * standing, rate limit, body, forward, log) run for /v1, UK Open Banking and the Berlin Group;
 * a dialect only says which request headers reach the bank, which headers every answer carries,
 * and how the gateway writes its own refusals. Three small parts, no control over the steps.
 */
export type Dialect = {
  /** Request headers a developer may send that the bank understands on this surface (lower-case). */
  passHeaders: readonly string[];
  /** Reads what the surface needs from the call's headers, before anything else runs. */
  open(call: { path: string; headers: Pick<HeaderMap, "get"> }, requestId: string): DialectCall;
  /** The gateway's own refusal (401, 403, 413, 429, 5xx…), written the surface's way. */
  refuse(error: AppError, context: RefusalContext): GatewayResult;
  /**
   * Once the caller is known and the body read: the surface's rules on the call (UK message
   * signatures) as a refusal, or more headers for the bank that depend on the caller.
   */
  beforeForward?(call: DialectRequest, context: { appId: string; body: Buffer | undefined }): Promise<BeforeForward>;
  /** The last touch on every answer, the gateway's refusals included (UK: the bank's signature of payment answers). */
  seal?(result: GatewayResult, call: DialectRequest): Promise<void>;
};

export type BeforeForward = { refusal?: AppError; toBank?: Record<string, string> };

/** What a dialect reads of the request. */
export type DialectRequest = { method: string; path: string; headers: Pick<HeaderMap, "get"> };

export type DialectCall = {
  /** More headers for the bank (an interaction id the gateway made up, the TPP's request id). */
  toBank: Record<string, string>;
  /** Headers every answer to this call carries, the gateway's refusals included. */
  onAnswer: Record<string, string>;
  /** The call's own headers are wrong for the surface: refused once the caller is known (so it is logged). */
  refusal?: AppError;
};

export type RefusalContext = {
  requestId: string;
  /** The request's path and query (some answers depend on the service it addresses). */
  path: string;
  /** Headers the step adds (the rate-limit fields). */
  headers?: Record<string, string>;
};

/** An RFC 4122 UUID, as FAPI's interaction id and the Berlin Group's X-Request-ID must be. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Request headers every surface passes to the bank. */
export const BASE_PASS_HEADERS = ["accept", "content-type", "sandbox-scenario", "user-agent"] as const;

/** The sandbox's own API (/v1): RFC 9457 problems, `X-Request-Id`, `Idempotency-Key` passed on. */
export function sandboxDialect(options: { docsBaseUrl: string }): Dialect {
  return {
    passHeaders: [...BASE_PASS_HEADERS, "idempotency-key"],
    open: (_call, requestId) => ({ toBank: {}, onAnswer: { "x-request-id": requestId } }),
    refuse(error, { requestId, headers }) {
      const answer = problemAnswer(error, { requestId, docsBaseUrl: options.docsBaseUrl, headers });
      return { status: answer.status, headers: new Headers(answer.headers), body: answer.body };
    },
  };
}

/**
 * A reason as an RFC 6750 `error_description` may carry it: printable ASCII without `"` and `\`,
 * and short. The reason may quote the request (a proof's method), so nothing else passes.
 */
export function challengeText(text: string, max = 300): string {
  const ascii = text
    .replaceAll("…", "...")
    .replaceAll('"', "'")
    .replaceAll("\\", "/")
    .replace(/[^\x20-\x7e]/g, "");
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3)}...`;
}
