import { describe, expect, it } from "vitest";
import { asProblem, fieldErrors, problemMessage } from "./read-problem";

describe("fieldErrors", () => {
  it("keys errors by pointer below /body, first message wins", () => {
    const { fields, rest } = fieldErrors({
      errors: [
        { pointer: "/body/name", detail: "Name must be at least 2 characters" },
        { pointer: "/body/redirect_uris/1", detail: "Must use https" },
        { pointer: "/body/redirect_uris/1", detail: "second message" },
        { pointer: "/query/limit", detail: "Too big" },
      ],
    });
    expect(fields).toEqual({ name: "Name must be at least 2 characters", "redirect_uris/1": "Must use https" });
    expect(rest).toEqual(["Too big"]);
  });

  it("copes with a problem without errors", () => {
    expect(fieldErrors({ title: "Forbidden" })).toEqual({ fields: {}, rest: [] });
  });
});

describe("asProblem", () => {
  it("reads problem+json", async () => {
    expect(asProblem({ title: "Nope", detail: "No app", code: "resource_not_found" }, 404)).toMatchObject({
      code: "resource_not_found",
      detail: "No app",
    });
  });

  it("stands in for a body that is not a problem", async () => {
    expect(asProblem("<html>Bad gateway</html>", 502)).toEqual({
      status: 502,
      title: "The server answered 502",
    });
  });
});

describe("problemMessage", () => {
  it("adds the request id", () => {
    expect(problemMessage({ detail: "Boom", request_id: "req_1" })).toBe("Boom (request req_1)");
  });
});
