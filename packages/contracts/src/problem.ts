import { AppError, catalog, type ErrorCode, type FieldError } from "./errors";

/**
 * RFC 9457 problem+json, serialised in one place for every surface: the gateway, the portal's
 * route handlers and the bank (its error handler and Fastify's framework-error path) all send
 * `problemAnswer(...)` as it is, so a problem looks the same wherever it comes from.
 */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * What every authenticated or tenant-specific answer (and every problem) says to caches: the
 * caller's own data, stored by no browser, proxy or CDN. The portal's one way in, the bank's hook
 * and this serialiser all send it.
 */
export const PRIVATE_NO_STORE = "private, no-store";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  request_id?: string;
  errors?: FieldError[];
};

export type ProblemContext = {
  requestId?: string;
  /** The portal's public base URL: `type` links to its errors page. */
  docsBaseUrl: string;
  /** Headers the surface adds (rate-limit fields); the error's own headers come first. */
  headers?: Record<string, string>;
};

/** A problem ready to send: status, every header, and the JSON body. */
export type ProblemAnswer = { status: number; headers: Record<string, string>; body: string };

/** Where a code is explained; the docs page has one anchor per code. */
export function problemTypeUrl(code: ErrorCode, docsBaseUrl: string): string {
  return `${docsBaseUrl.replace(/\/$/, "")}/docs/errors#${code}`;
}

export function toProblem(error: AppError, context: Pick<ProblemContext, "requestId" | "docsBaseUrl">): Problem {
  return {
    type: problemTypeUrl(error.code, context.docsBaseUrl),
    title: catalog[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(context.requestId ? { request_id: context.requestId } : {}),
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}

/**
 * The one serialiser: the error's status, its headers and the caller's, no caching by anyone
 * (`private, no-store`: a problem names the caller's own resources), the request id.
 */
export function problemAnswer(error: AppError, context: ProblemContext): ProblemAnswer {
  const headers: Record<string, string> = { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": PRIVATE_NO_STORE };
  for (const source of [error.headers, context.headers]) {
    for (const name in source) headers[name.toLowerCase()] = source[name];
  }
  if (context.requestId) headers["x-request-id"] = context.requestId;
  return { status: error.status, headers, body: JSON.stringify(toProblem(error, context)) };
}
