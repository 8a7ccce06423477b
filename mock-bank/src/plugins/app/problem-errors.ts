import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, PROBLEM_CONTENT_TYPE, toProblem, type FieldError } from "@/lib/errors";

/** Fastify's validation contexts → the pointer roots of our error contract. */
const pointerRoots: Record<string, string> = { querystring: "query", params: "params", body: "body", headers: "headers" };

const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function fieldErrors(error: FastifyError): FieldError[] {
  const root = `/${pointerRoots[error.validationContext ?? "body"] ?? "body"}`;
  return (error.validation ?? []).flatMap((issue): FieldError[] => {
    const params = issue.params as { keys?: unknown };
    // zod reports unknown keys once, on the object; point at each key instead.
    if (issue.keyword === "unrecognized_keys" && Array.isArray(params.keys)) {
      const base = issue.instancePath === "/" ? "" : issue.instancePath;
      return params.keys.map((key) => ({ pointer: `${root}${base}/${escapeSegment(String(key))}`, detail: "is not a known parameter" }));
    }
    const path = issue.instancePath === "/" ? "" : issue.instancePath.split("/").slice(1).map(escapeSegment).join("/");
    return [{ pointer: path ? `${root}/${path}` : root, detail: issue.message ?? "is invalid" }];
  });
}

/** Maps anything thrown while handling a request to the one error type. */
function toAppError(error: FastifyError): AppError {
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
      return new AppError("validation_failed", "A path parameter is too long or malformed.", { errors: [{ pointer: "/params", detail: "is too long or malformed" }] });
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

/**
 * Fastify's `frameworkErrors`: errors the router raises before any hook or error handler
 * runs (a path parameter over its length limit, a malformed URL) also leave as problems.
 */
export function frameworkErrors(docsBaseUrl: string) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    reply.code(appError.status).header("content-type", PROBLEM_CONTENT_TYPE).header("cache-control", "no-store").header("x-request-id", request.id);
    reply.send(toProblem(appError, { requestId: request.id, docsBaseUrl }));
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
      reply
        .code(appError.status)
        .header("content-type", PROBLEM_CONTENT_TYPE)
        .header("cache-control", "no-store")
        .headers(appError.headers ?? {});
      return reply.send(toProblem(appError, { requestId: request.id, docsBaseUrl: options.docsBaseUrl }));
    });

    app.setNotFoundHandler(async (request) => {
      throw new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`);
    });
  },
  { name: "problem-errors" },
);
