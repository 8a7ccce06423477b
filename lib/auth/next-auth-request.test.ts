import { describe, expect, it } from "vitest";
import { AppError } from "@openbank/contracts/errors";
import { checkCallbackParameter, unparseableCallbackCookies } from "./next-auth-request";

// Issue 21 finding 8: next-auth answered 500 to a callbackUrl with an invalid port.
const BAD = "http://localhost:3000.evil.example/";

describe("a callbackUrl next-auth cannot parse", () => {
  it("as a parameter: a 400 problem", () => {
    let thrown: unknown;
    try {
      checkCallbackParameter(new URL(`http://localhost:3000/api/auth/signin?${new URLSearchParams({ callbackUrl: BAD })}`));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(400);
  });

  it("as a cookie: named for deletion, with the secure variant, and nothing else", () => {
    expect(
      unparseableCallbackCookies([
        { name: "a", value: BAD },
        { name: "next-auth.callback-url", value: BAD },
        { name: "__Secure-next-auth.callback-url", value: "http://[::1" },
        { name: "next-auth.session-token", value: "t" },
      ]),
    ).toEqual(["next-auth.callback-url", "__Secure-next-auth.callback-url"]);
  });

  it("leaves paths and absolute URLs alone, as next-auth's redirect callback judges them", () => {
    for (const value of ["/dashboard", "http://localhost:3000/docs", "https://evil.example/"]) {
      expect(() =>
        checkCallbackParameter(new URL(`http://localhost:3000/api/auth/signin?${new URLSearchParams({ callbackUrl: value })}`)),
      ).not.toThrow();
      expect(unparseableCallbackCookies([{ name: "next-auth.callback-url", value }])).toEqual([]);
    }
  });
});
