import { describe, expect, it } from "vitest";
import { AppError } from "@openbank/contracts/errors";
import { createCursorCodec } from "./cursor-codec";

const codec = createCursorCodec("k".repeat(32));

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("cursor codec", () => {
  it("round-trips a sort key as an opaque base64url token", () => {
    const cursor = codec.encode("scope", ["2026-01-02T03:04:05.000Z", "txn_abc"]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode("scope", cursor)).toEqual(["2026-01-02T03:04:05.000Z", "txn_abc"]);
  });

  it.each([
    ["a flipped character", (c: string) => (c[0] === "A" ? "B" : "A") + c.slice(1)],
    ["a truncated token", (c: string) => c.slice(0, -2)],
    ["no signature", (c: string) => c.split(".")[0]],
    ["an extra part", (c: string) => `${c}.x`],
    ["garbage", () => "not-a-cursor"],
  ])("refuses %s with a pointer at /query/cursor", (_name, tamper) => {
    const cursor = codec.encode("scope", ["acc_1"]);
    const error = rejection(() => codec.decode("scope", tamper(cursor)));
    expect(error.code).toBe("validation_failed");
    expect(error.errors).toEqual([{ pointer: "/query/cursor", detail: expect.any(String) }]);
  });

  it("refuses a cursor made for another list or other filters", () => {
    const cursor = codec.encode("transactions\0tenantA\0acc_1", ["x"]);
    expect(() => codec.decode("transactions\0tenantB\0acc_1", cursor)).toThrow(AppError);
  });

  it("refuses a cursor signed with another secret", () => {
    const other = createCursorCodec("o".repeat(32));
    expect(() => codec.decode("scope", other.encode("scope", ["x"]))).toThrow(AppError);
  });
});
