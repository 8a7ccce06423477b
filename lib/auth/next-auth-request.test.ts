import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { AppError } from "@openbank/contracts/errors";
import { withParseableCallbackUrl } from "./next-auth-request";

// Issue 21 finding 8: next-auth answered 500 to a callbackUrl with an invalid port.
const BAD = "http://localhost:3000.evil.example/";

describe("withParseableCallbackUrl", () => {
  it("refuses a callbackUrl parameter next-auth cannot parse with a 400 problem", () => {
    const request = new NextRequest(`http://localhost:3000/api/auth/signin?${new URLSearchParams({ callbackUrl: BAD })}`);
    let thrown: unknown;
    try {
      withParseableCallbackUrl(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(400);
  });

  it("drops a callback cookie next-auth cannot parse and keeps the other cookies", () => {
    const request = new NextRequest("http://localhost:3000/api/auth/session", {
      headers: { cookie: `a=1; next-auth.callback-url=${encodeURIComponent(BAD)}; next-auth.session-token=t` },
    });
    const handed = withParseableCallbackUrl(request);
    expect(handed.headers.get("cookie")).toBe("a=1; next-auth.session-token=t");
    expect(handed.cookies.get("next-auth.callback-url")).toBeUndefined();
  });

  it("hands good requests on untouched: paths and same-site URLs", () => {
    for (const value of ["/dashboard", "http://localhost:3000/docs"]) {
      const request = new NextRequest(`http://localhost:3000/api/auth/signin?${new URLSearchParams({ callbackUrl: value })}`, {
        headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` },
      });
      expect(withParseableCallbackUrl(request)).toBe(request);
    }
  });

  it("keeps the body of a POST it rebuilds", async () => {
    const request = new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { cookie: "__Secure-next-auth.callback-url=%%bad", "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.example",
    });
    const handed = withParseableCallbackUrl(request);
    expect(handed).not.toBe(request);
    expect(handed.headers.get("cookie")).toBeNull();
    expect(await handed.text()).toBe("email=a%40b.example");
  });
});
