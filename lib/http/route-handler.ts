import { ZodError, type z } from "zod";
import { AppError, type FieldError } from "@openbank/contracts/errors";
import { toPointer } from "@openbank/contracts/json-pointer";
import { newId } from "@openbank/contracts/ids";
import { PRIVATE_NO_STORE } from "@openbank/contracts/problem";
import { isBusyError } from "../webhooks/retry-on-busy";
import { portalUrl } from "./portal-url";
import { problemResponse } from "./problem-response";

/** A Next.js App Router route handler: `export const POST = withErrors(async (request, context) => …)`. */
export type RouteHandler<Req extends Request, Context> = (request: Req, context: Context) => Response | Promise<Response>;

/** Zod issues as `errors[]` items: `["owner","email"]` → `{ pointer: "/body/owner/email", detail }`. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], root = "/body"): FieldError[] {
  return issues.map((issue) => ({
    pointer: toPointer(root, issue.path),
    // A wrong top-level type (an array, a string) reads better in words than in zod's.
    detail: issue.path.length === 0 && issue.code === "invalid_type" && issue.expected === "object" ? "Send a JSON object" : issue.message,
  }));
}

/**
 * The AppError an exception stands for, or undefined when it is a bug.
 * A ZodError escaping a handler is taken to be about the request body; validate other input
 * (query, params) yourself and throw an AppError with the right pointer root.
 */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("validation_failed", "Some fields are missing or invalid", {
      errors: zodIssuesToFieldErrors(error.issues),
    });
  }
  // `await request.json()` on a bad body. The parser's message quotes the body: never echo it.
  if (error instanceof SyntaxError) return new AppError("malformed_json");
  // SQLite refused a write after its retries (another process held the lock): nothing changed,
  // so it is the client's to retry, not a bug. A 503 that says when, never a 500.
  if (isBusyError(error))
    return new AppError(
      "service_unavailable",
      "The database is busy with other writes; nothing was changed. Retry after the seconds in Retry-After.",
      {
        headers: { "retry-after": "1" },
      },
    );
  return undefined;
}

/**
 * The headers every answer of the one way in carries: its request id, and `private, no-store`
 * unless its route chose otherwise (a public document's `public, max-age=60`).
 */
function setEntryHeaders(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", PRIVATE_NO_STORE);
  } catch {
    // Immutable headers (a proxied fetch response): leave them as they are.
  }
  return response;
}

/** One log line per unexpected failure: where, which request, what. No bodies, headers or query strings. */
function logUnexpected(request: Request, requestId: string, error: unknown): void {
  const { pathname } = new URL(request.url);
  const what = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  console.error(`[${requestId}] ${request.method} ${pathname} failed: ${what}`);
}

/**
 * Wraps a route handler so every failure leaves as problem+json: AppError as itself, ZodError
 * as 400 validation_failed, a body SyntaxError as 400 malformed_json, anything else logged once
 * and answered 500 internal_error. Every response carries `x-request-id`, and `Cache-Control:
 * private, no-store` unless the handler set its own (problems always: problemAnswer's).
 */
export function withErrors<Req extends Request, Context>(
  handler: RouteHandler<Req, Context>,
): (request: Req, context: Context) => Promise<Response> {
  return async (request, context) => {
    const requestId = newId("request");
    try {
      return setEntryHeaders(await handler(request, context), requestId);
    } catch (error) {
      const known = toAppError(error);
      if (!known) logUnexpected(request, requestId, error);
      return problemResponse(known ?? new AppError("internal_error"), { requestId, docsBaseUrl: portalUrl() });
    }
  };
}
