import { describe, expect, it } from "vitest";
import { nextAuthRedirect, safeCallbackPath } from "./safe-callback-url";

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

describe("nextAuthRedirect (issue 21 finding 8)", () => {
  const baseUrl = "http://localhost:3000";

  it("ignores a callbackUrl with an invalid port instead of crashing", () => {
    expect(() => new URL("http://localhost:3000.evil.example/")).toThrow(); // what next-auth's default did
    expect(nextAuthRedirect({ url: "http://localhost:3000.evil.example/", baseUrl })).toBe("http://localhost:3000/");
    expect(nextAuthRedirect({ url: "http://[::1/", baseUrl })).toBe("http://localhost:3000/");
  });

  it("keeps paths and same-origin URLs, and sends foreign ones home", () => {
    expect(nextAuthRedirect({ url: "/dashboard/apps/app_1?tab=keys", baseUrl })).toBe(
      "http://localhost:3000/dashboard/apps/app_1?tab=keys",
    );
    expect(nextAuthRedirect({ url: "http://localhost:3000/docs/api", baseUrl })).toBe("http://localhost:3000/docs/api");
    expect(nextAuthRedirect({ url: "https://evil.example/", baseUrl })).toBe("http://localhost:3000/");
    expect(nextAuthRedirect({ url: "//evil.example/", baseUrl })).toBe("http://localhost:3000/");
  });
});
