import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { readBody, readForm, readText } from "./read-body";
import { readJson } from "./read-json";

const MiB = 1024 * 1024;

/**
 * A chunked upload of `total` bytes (no Content-Length), made on demand: `pulled()` says how much
 * the reader asked for, so a test sees where reading stopped.
 */
function upload(total: number, contentType = "application/json", chunk = 64 * 1024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        const size = Math.min(chunk, total - pulled);
        pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://portal.test/api/x", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("readBody", () => {
  it("returns the whole body under the limit", async () => {
    const request = new Request("http://portal.test/x", { method: "POST", body: "grant_type=x&scope=y" });
    expect((await readBody(request, { maxBytes: 1024 })).toString()).toBe("grant_type=x&scope=y");
    expect((await readBody(new Request("http://portal.test/x", { method: "POST" }))).length).toBe(0);
  });

  it("reads text and forms through the same limit", async () => {
    expect(await readText(new Request("http://portal.test/x", { method: "POST", body: "héllo" }))).toBe("héllo");
    const form = await readForm(new Request("http://portal.test/x", { method: "POST", body: "a=1&b=two" }));
    expect(Object.fromEntries(form)).toEqual({ a: "1", b: "two" });
    const error = await refusal(
      readForm(new Request("http://portal.test/x", { method: "POST", body: "a=".padEnd(2049, "x") }), { maxBytes: 2048 }),
    );
    expect(error).toMatchObject({ code: "payload_too_large", status: 413 });
  });

  it("stops reading a 48 MiB chunked upload just past the limit: 413, with Connection: close", async () => {
    const { request, pulled } = upload(48 * MiB);
    const error = await refusal(readBody(request, { maxBytes: MiB }));
    expect(error).toMatchObject({ code: "payload_too_large", status: 413 });
    expect(error.message).toBe("Request bodies are limited to 1 MiB here.");
    expect(error.headers).toEqual({ connection: "close" });
    // One chunk past the limit, not 48 MiB.
    expect(pulled()).toBeLessThanOrEqual(MiB + 64 * 1024);
  });

  it("refuses a declared Content-Length past the limit before reading anything", async () => {
    const { request, pulled } = upload(4 * MiB);
    const declared = new Request(request, { headers: { "content-type": "application/json", "content-length": String(4 * MiB) } });
    expect(await refusal(readBody(declared, { maxBytes: MiB }))).toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBeLessThanOrEqual(64 * 1024); // the stream may have asked for its first chunk itself
  });
});

describe("readJson", () => {
  it("stops reading a chunked upload at its limit (1 MiB by default), before parsing", async () => {
    const { request, pulled } = upload(48 * MiB);
    expect(await refusal(readJson(request, z.object({})))).toMatchObject({ code: "payload_too_large", status: 413 });
    expect(pulled()).toBeLessThanOrEqual(MiB + 64 * 1024);
  });

  it("honours an operation's larger limit", async () => {
    const { request, pulled } = upload(48 * MiB);
    expect(await refusal(readJson(request, z.object({}), { maxBytes: 8 * MiB }))).toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBeGreaterThan(8 * MiB);
    expect(pulled()).toBeLessThanOrEqual(8 * MiB + 64 * 1024);
  });
});
