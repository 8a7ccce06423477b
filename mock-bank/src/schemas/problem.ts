import { z } from "zod";
import { catalog, type ErrorCode } from "@openbank/contracts/errors";
import { Text } from "./common";

const codes = Object.keys(catalog) as [ErrorCode, ...ErrorCode[]];

/**
 * The bounds of a problem document. Problems leave as ready-made JSON (not through the response
 * serializer), so the bank's error handler trims what could exceed them: the field errors of a
 * huge invalid body, the pointer to an absurdly long unknown key (plugins/app/problem-errors.ts).
 */
export const PROBLEM_LIMITS = { detail: 4096, errors: 50, pointer: 1024, fieldDetail: 1024 } as const;

export const FieldError = z
  .object({
    pointer: Text(PROBLEM_LIMITS.pointer)
      .regex(/^\//)
      .describe("JSON pointer into the request: `/params/…`, `/query/…`, `/headers/…` or `/body/…`.")
      .meta({ examples: ["/query/limit"] }),
    detail: Text(PROBLEM_LIMITS.fieldDetail).describe("What is wrong with that field."),
  })
  .meta({ id: "FieldError" });

export const Problem = z
  .object({
    type: z.url().max(2048).describe("Link to the documentation of this error code."),
    title: Text(200).describe("Short summary of the error code; the same for every occurrence."),
    status: z.number().int().min(400).max(599).describe("HTTP status code."),
    detail: Text(PROBLEM_LIMITS.detail).describe("What went wrong in this request."),
    code: z.enum(codes).describe("Stable machine-readable error code."),
    request_id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/)
      .optional()
      .describe("The request id (also in the `X-Request-Id` header); quote it to support."),
    errors: z
      .array(FieldError)
      .max(PROBLEM_LIMITS.errors)
      .optional()
      .describe(`One entry per invalid field (the first ${PROBLEM_LIMITS.errors}).`),
  })
  .meta({
    id: "Problem",
    description: "An RFC 9457 problem document, sent as `application/problem+json`.",
    examples: [
      {
        type: "http://localhost:3000/docs/errors#validation_failed",
        title: "The request is invalid",
        status: 400,
        detail: "limit: Too big: expected number to be <=100",
        code: "validation_failed",
        request_id: "req_4Fj0lL2tEoWQ1nC3xYb8aZ",
        errors: [{ pointer: "/query/limit", detail: "Too big: expected number to be <=100" }],
      },
    ],
  });

export type ProblemBody = z.infer<typeof Problem>;

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: Problem } } });

/** A 200 response with a description (a bare schema would be documented as "Default Response"). */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}

/**
 * The problem responses of a /v1 operation. Every call can get the first five: 400 (a parameter, the
 * body or the `Sandbox-Scenario` header is invalid), 401 (the gateway's credential check), 403 (the
 * app is suspended, or the credential may not make this call), 429 (the key's quota, or
 * `Sandbox-Scenario: rate_limited`) and 500 (`Sandbox-Scenario: internal_error`, or a fault); the
 * gateway's 413, 502 and 504 fall to `default`. The operation adds the 404, 409 and 422 its own code
 * paths produce, each with the codes it can send.
 */
export function problemResponses(own: { 404?: string; 409?: string; 422?: string } = {}) {
  return {
    400: problem(
      "The request is invalid: `validation_failed`, with a JSON pointer per invalid field in `errors[]` (parameters, body, or the `Sandbox-Scenario` header); a body that is not JSON is `malformed_json`, a missing required `Idempotency-Key` `idempotency_key_required`.",
    ),
    401: problem(
      "The credential is missing or not valid: `missing_api_key`, `invalid_api_key`, `revoked_api_key`, `expired_api_key`; with a consent token, `invalid_token`, `consent_expired` or `consent_revoked`. The gateway checks keys and tokens before counting the quota, so its 401 carries no `RateLimit` headers; the bank's `consent_expired` and `consent_revoked` do.",
    ),
    403: problem(
      "The call is not allowed: `app_suspended` (a platform admin suspended the app); `insufficient_scope` (a read-only key on a call that is not a GET, or a consent token without the permission); `api_key_required` (a consent token on an operation that does not list `consent_token`); `consent_account_not_granted` (an account the customer did not share).",
    ),
    ...(own[404] ? { 404: problem(own[404]) } : {}),
    ...(own[409] ? { 409: problem(own[409]) } : {}),
    ...(own[422] ? { 422: problem(own[422]) } : {}),
    429: problem("Too many requests (`rate_limited`): wait for the seconds in `Retry-After`."),
    500: problem(
      "Something went wrong on the bank's side (`internal_error`): retry, and quote `request_id` to support if it persists. Nothing was changed by a simulated one.",
    ),
    default: problem(
      "Any other error, as a problem document: 413 `payload_too_large`, 415 `unsupported_media_type`, 502 `bank_unavailable`, 504 `bank_timeout`.",
    ),
  };
}

/** The 404 of an operation that reads or changes one resource named in its path. */
export const NOT_FOUND = "`resource_not_found`: no such resource in your app's sandbox (another app's ids never resolve).";

/** The 409 of every operation that takes an `Idempotency-Key`. */
export const IN_FLIGHT = "`idempotency_key_in_flight`: a request with this key is still running.";
