import { describe, expect, it } from "vitest";
import { AppError } from "@openbank/contracts/errors";
import { assertSameOrigin, isSameOriginRequest } from "./same-origin";

const portal = ["https://developers.bank.example"];
const req = (method: string, headers: Record<string, string> = {}) => ({ method, headers: new Headers(headers) });

describe("isSameOriginRequest", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isSameOriginRequest(req("GET", { origin: "https://evil.example" }), portal)).toBe(true);
    expect(isSameOriginRequest(req("HEAD"), portal)).toBe(true);
  });

  it("lets mutations through only from the portal's origin", () => {
    expect(isSameOriginRequest(req("POST", { origin: "https://developers.bank.example" }), portal)).toBe(true);
    expect(isSameOriginRequest(req("delete", { origin: "https://developers.bank.example" }), portal)).toBe(true);
    expect(isSameOriginRequest(req("POST", { origin: "https://evil.example" }), portal)).toBe(false);
    expect(isSameOriginRequest(req("PATCH", { origin: "http://developers.bank.example" }), portal)).toBe(false);
    expect(isSameOriginRequest(req("POST", { origin: "null" }), portal)).toBe(false);
  });

  it("trusts Origin over Sec-Fetch-Site when both are present", () => {
    expect(isSameOriginRequest(req("POST", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }), portal)).toBe(false);
  });

  it("falls back to Sec-Fetch-Site, and refuses when neither header is sent", () => {
    expect(isSameOriginRequest(req("POST", { "sec-fetch-site": "same-origin" }), portal)).toBe(true);
    expect(isSameOriginRequest(req("POST", { "sec-fetch-site": "none" }), portal)).toBe(true);
    expect(isSameOriginRequest(req("POST", { "sec-fetch-site": "same-site" }), portal)).toBe(false);
    expect(isSameOriginRequest(req("POST", { "sec-fetch-site": "cross-site" }), portal)).toBe(false);
    expect(isSameOriginRequest(req("POST"), portal)).toBe(false);
  });
});

describe("assertSameOrigin", () => {
  it("throws 403 forbidden for a cross-site mutation", () => {
    const request = new Request("https://developers.bank.example/api/apps", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    let thrown: unknown;
    try {
      assertSameOrigin(request, { allowedOrigins: portal });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "forbidden", status: 403 });
    const own = new Request("https://developers.bank.example/api/apps", { method: "POST", headers: { origin: portal[0] } });
    expect(() => assertSameOrigin(own, { allowedOrigins: portal })).not.toThrow();
  });
});
