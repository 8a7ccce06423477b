import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type FieldError } from "@openbank/contracts/errors";
import { toPointer } from "@openbank/contracts/json-pointer";
import { problemAnswer } from "@openbank/contracts/problem";
import { PROBLEM_LIMITS } from "../../schemas/problem";

/** Fastify's validation contexts → the pointer roots of our error contract. */
const pointerRoots: Record<string, string> = { querystring: "query", params: "params", body: "body", headers: "headers" };

function fieldErrors(error: FastifyError): FieldError[] {
  const root = `/${pointerRoots[error.validationContext ?? "body"] ?? "body"}`;
  // The zod provider's instance paths join raw keys with "/": "/owner/email".
  const segments = (instancePath: string) => (instancePath === "/" || instancePath === "" ? [] : instancePath.split("/").slice(1));
  return (error.validation ?? []).flatMap((issue): FieldError[] => {
    const params = issue.params as { keys?: unknown };
    // zod reports unknown keys once, on the object; point at each key instead.
    if (issue.keyword === "unrecognized_keys" && Array.isArray(params.keys)) {
      return params.keys.map((key) => ({
        pointer: toPointer(root, [...segments(issue.instancePath), String(key)]),
        detail: "is not a known parameter",
      }));
    }
    return [{ pointer: toPointer(root, segments(issue.instancePath)), detail: issue.message ?? "is invalid" }];
  });
}

/** Maps anything thrown while handling a request to the one error type. */
export function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) {
    const errors = fieldErrors(error);
    const detail = errors.map((e) => `${e.pointer.split("/").slice(2).join("/") || e.pointer}: ${e.detail}`).join("; ");
    return new AppError("validation_failed", detail || "The request is invalid.", { errors });
  }
  if (isResponseSerializationError(error)) return new AppError("internal_error");
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("malformed_json", "The request body must be valid JSON.");
    case "FST_ERR_MAX_PARAM_LENGTH":
    case "FST_ERR_BAD_URL":
      // An id longer than the router takes (100 characters) or a malformed path: never a real resource.
      return new AppError("validation_failed", "A path parameter is too long or malformed.", {
        errors: [{ pointer: "/params", detail: "is too long or malformed" }],
      });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "Send request bodies as application/json.");
  }
  const status = error.statusCode ?? 500;
  if (status === 404) return new AppError("not_found");
  if (status === 405) return new AppError("method_not_allowed");
  if (status === 413) return new AppError("payload_too_large", "The request body is too large.");
  // Any other client error Fastify raises (body too large, bad content-length, …) is still the client's.
  if (status >= 400 && status < 500) return new AppError("validation_failed", error.message);
  return new AppError("internal_error");
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Holds a problem to the bounds the document states (schemas/problem.ts): a body with thousands of
 * invalid fields, or an unknown key as long as the body limit, still gets a problem of sane size.
 */
export function boundProblem(error: AppError): AppError {
  const errors = error.errors;
  const tooMany = errors !== undefined && errors.length > PROBLEM_LIMITS.errors;
  const tooLong = (errors ?? []).some(
    (field) => field.pointer.length > PROBLEM_LIMITS.pointer || field.detail.length > PROBLEM_LIMITS.fieldDetail,
  );
  if (!tooMany && !tooLong && error.message.length <= PROBLEM_LIMITS.detail) return error;
  const kept = errors
    ?.slice(0, PROBLEM_LIMITS.errors)
    .map((field) => ({ pointer: cut(field.pointer, PROBLEM_LIMITS.pointer), detail: cut(field.detail, PROBLEM_LIMITS.fieldDetail) }));
  const more = tooMany ? ` (and ${errors!.length - PROBLEM_LIMITS.errors} more invalid fields)` : "";
  const detail =
    error.message.length + more.length > PROBLEM_LIMITS.detail
      ? `${cut(error.message, PROBLEM_LIMITS.detail - more.length)}${more}`
      : `${error.message}${more}`;
  return new AppError(error.code, detail, { errors: kept, headers: error.headers });
}

/** Sends the problem for any error, as every surface does (@openbank/contracts/problem). */
function sendProblem(reply: FastifyReply, request: FastifyRequest, appError: AppError, docsBaseUrl: string) {
  const answer = problemAnswer(boundProblem(appError), { requestId: request.id, docsBaseUrl });
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/**
 * Fastify's `frameworkErrors`: errors the router raises before any hook or error handler
 * runs (a path parameter over its length limit, a malformed URL) also leave as problems,
 * with the same headers as any other.
 */
export function frameworkErrors(docsBaseUrl: string) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    sendProblem(reply, request, toAppError(error), docsBaseUrl);
  };
}

/**
 * Every error leaves as application/problem+json with the request id and no stack trace.
 * Also echoes the request id on every response and answers unknown routes with a problem.
 */
export default fp(
  async function problemErrors(app, options: { docsBaseUrl: string }) {
    app.addHook("onRequest", async (request, reply) => {
      reply.header("x-request-id", request.id);
    });

    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, "request failed");
      else request.log.info({ code: appError.code }, appError.message);
      return sendProblem(reply, request, appError, options.docsBaseUrl);
    });

    app.setNotFoundHandler(async (request) => {
      throw new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`);
    });
  },
  { name: "problem-errors" },
);
