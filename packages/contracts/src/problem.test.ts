import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { problemAnswer, problemTypeUrl } from "./problem";

describe("problemAnswer", () => {
  it("serialises the error with its type link, title, detail, code, request id and field errors", () => {
    const error = new AppError("validation_failed", "amount: is required", {
      errors: [{ pointer: "/body/amount", detail: "is required" }],
    });
    const answer = problemAnswer(error, { requestId: "req_1", docsBaseUrl: "https://developers.example.com/" });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      type: "https://developers.example.com/docs/errors#validation_failed",
      title: "The request is invalid",
      status: 400,
      detail: "amount: is required",
      code: "validation_failed",
      request_id: "req_1",
      errors: [{ pointer: "/body/amount", detail: "is required" }],
    });
  });

  it("sends no caching, the request id, the error's own headers and the surface's, lower-cased", () => {
    const error = new AppError("invalid_token", undefined, { headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } });
    const answer = problemAnswer(error, {
      requestId: "req_2",
      docsBaseUrl: "http://localhost:3000",
      headers: { RateLimit: '"sandbox";r=0;t=1' },
    });
    expect(answer.headers).toEqual({
      "content-type": "application/problem+json",
      "cache-control": "private, no-store",
      "www-authenticate": 'Bearer error="invalid_token"',
      ratelimit: '"sandbox";r=0;t=1',
      "x-request-id": "req_2",
    });
  });

  it("uses the catalogue's title as the detail when none is given, and omits absent fields", () => {
    const body = JSON.parse(problemAnswer(new AppError("not_found"), { docsBaseUrl: "http://x" }).body);
    expect(body).toEqual({
      type: problemTypeUrl("not_found", "http://x"),
      title: "No such route",
      status: 404,
      detail: "No such route",
      code: "not_found",
    });
  });
});
