import { z } from "zod";
import { catalog, type ErrorCode } from "@openbank/contracts/errors";

const codes = Object.keys(catalog) as [ErrorCode, ...ErrorCode[]];

export const FieldError = z
  .object({
    pointer: z
      .string()
      .describe("JSON pointer into the request: `/params/…`, `/query/…` or `/body/…`.")
      .meta({ examples: ["/query/limit"] }),
    detail: z.string().describe("What is wrong with that field."),
  })
  .meta({ id: "FieldError" });

export const Problem = z
  .object({
    type: z.url().describe("Link to the documentation of this error code."),
    title: z.string().describe("Short summary of the error code; the same for every occurrence."),
    status: z.number().int().min(400).max(599).describe("HTTP status code."),
    detail: z.string().describe("What went wrong in this request."),
    code: z.enum(codes).describe("Stable machine-readable error code."),
    request_id: z.string().optional().describe("The request id (also in the `X-Request-Id` header); quote it to support."),
    errors: z.array(FieldError).optional().describe("One entry per invalid field."),
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

const descriptions: Record<string, string> = {
  400: "The request is invalid: see `errors[]` for a JSON pointer per invalid field.",
  401: "The API key is missing, invalid or revoked.",
  404: "No such resource (or it belongs to another app's sandbox).",
  429: "Too many requests: wait for the number of seconds in `Retry-After`.",
  default: "Any other error, as a problem document.",
};

const problemResponse = (status: keyof typeof descriptions) => ({
  description: descriptions[status],
  content: { "application/problem+json": { schema: Problem } },
});

/** A 200 response with a description (a bare schema would be documented as "Default Response"). */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}

/** The error responses every sandbox operation documents. */
export function errorResponses(options: { notFound?: boolean } = {}) {
  return {
    400: problemResponse("400"),
    401: problemResponse("401"),
    ...(options.notFound ? { 404: problemResponse("404") } : {}),
    429: problemResponse("429"),
    default: problemResponse("default"),
  };
}
