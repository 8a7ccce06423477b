import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with query and hash", () => {
    expect(safeCallbackPath("/dashboard/apps/app_1?tab=keys#new")).toBe("/dashboard/apps/app_1?tab=keys#new");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("falls back for empty, protocol-relative, backslash and absolute foreign URLs", () => {
    for (const value of [
      undefined,
      null,
      "",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/dashboard",
      "javascript:alert(1)",
      "dashboard",
      "/\tevil",
      "/%0d%0aSet-Cookie:x".replace("%0d%0a", "\r\n"),
    ]) {
      expect(safeCallbackPath(value)).toBe("/dashboard");
    }
  });

  it("accepts an absolute URL on the given origin, as next-auth sends them", () => {
    expect(safeCallbackPath("http://localhost:3000/docs/api?x=1", { origin: "http://localhost:3000" })).toBe("/docs/api?x=1");
    expect(safeCallbackPath("http://localhost:3001/docs", { origin: "http://localhost:3000" })).toBe("/dashboard");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeCallbackPath("/../../etc")).toBe("/etc");
  });

  it("uses the given fallback", () => {
    expect(safeCallbackPath("//x", { fallback: "/" })).toBe("/");
  });
});
