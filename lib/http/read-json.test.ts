import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { isJsonContentType, readJson } from "./read-json";

const schema = z.object({ name: z.string().min(1, "Enter a name"), tags: z.array(z.string()).default([]) });

function post(body: string, contentType: string | null = "application/json") {
  const headers = new Headers();
  if (contentType) headers.set("content-type", contentType);
  return new Request("http://localhost/api/x", { method: "POST", body, headers });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("isJsonContentType", () => {
  it("accepts JSON and +json media types with parameters", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/merge-patch+json")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
    expect(isJsonContentType("application/x-www-form-urlencoded")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});

describe("readJson", () => {
  it("returns the parsed, validated body with defaults applied", async () => {
    await expect(readJson(post('{"name":"Ada","extra":1}'), schema)).resolves.toEqual({ name: "Ada", tags: [] });
  });

  it("refuses non-JSON content types with 415", async () => {
    const error = await failure(readJson(post('{"name":"Ada"}', "text/plain"), schema));
    expect(error).toMatchObject({ code: "unsupported_media_type", status: 415 });
    expect((await failure(readJson(post('{"name":"Ada"}', null), schema))).status).toBe(415);
  });

  it("refuses empty and unparsable bodies with malformed_json, never echoing the body", async () => {
    expect(await failure(readJson(post("  "), schema))).toMatchObject({ code: "malformed_json", status: 400 });
    const error = await failure(readJson(post('{"password":"hunter2"'), schema));
    expect(error).toMatchObject({ code: "malformed_json" });
    expect(error.message).not.toContain("hunter2");
  });

  it("reports invalid fields with /body pointers", async () => {
    const error = await failure(readJson(post('{"name":"","tags":[1]}'), schema));
    expect(error).toMatchObject({ code: "validation_failed", status: 400 });
    expect(error.errors).toEqual([
      { pointer: "/body/name", detail: "Enter a name" },
      { pointer: "/body/tags/0", detail: expect.any(String) },
    ]);
  });

  it("reports a non-object body at /body", async () => {
    const error = await failure(readJson(post("[1,2]"), schema));
    expect(error.errors).toEqual([{ pointer: "/body", detail: "Send a JSON object" }]);
  });
});
