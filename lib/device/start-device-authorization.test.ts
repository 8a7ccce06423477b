import { describe, expect, it } from "vitest";
import { cleanDeviceName, parseRequestedScope } from "./start-device-authorization";

describe("parseRequestedScope", () => {
  it("reads RFC 6749's space-separated scope: read by default, write if asked", () => {
    expect(parseRequestedScope(undefined)).toBe("read");
    expect(parseRequestedScope("")).toBe("read");
    expect(parseRequestedScope("read")).toBe("read");
    expect(parseRequestedScope("write")).toBe("write");
    expect(parseRequestedScope("read write")).toBe("write");
  });

  it("refuses anything else (invalid_scope)", () => {
    expect(parseRequestedScope("admin")).toBeNull();
    expect(parseRequestedScope("read admin")).toBeNull();
    expect(parseRequestedScope("READ")).toBeNull();
  });
});

describe("cleanDeviceName", () => {
  it("keeps a printable, bounded host name", () => {
    expect(cleanDeviceName("  dev-laptop.local ")).toBe("dev-laptop.local");
    expect(cleanDeviceName("evil\u001b[31mhost\n")).toBe("evil[31mhost");
    expect(cleanDeviceName("x".repeat(200))).toHaveLength(64);
    expect(cleanDeviceName(undefined)).toBeNull();
    expect(cleanDeviceName("\u0000\u0001")).toBeNull();
  });
});
