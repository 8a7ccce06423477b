import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_POLICY } from "../http/content-security-policy";
import securityHeaders from "../http/security-headers.json";
import type { GatewayResult } from "./call";
import { createFastPath } from "./fast-path";

// Issue 21 finding 5: the gateway's answers carry the static list and a policy fit for an API;
// an HTML page of the bank's (sign-in, consent) keeps the policy the bank gave it.
describe("the fast path's security headers", () => {
  let server: Server;
  let base: string;
  const bankPagePolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  beforeAll(async () => {
    const answer = (headers: Record<string, string>): GatewayResult => ({ status: 200, headers: new Headers(headers), body: "{}" });
    const serve = createFastPath([
      { prefix: "/v1/", maxBodyBytes: 16, run: async () => answer({ "content-type": "application/json" }) },
      {
        prefix: "/oauth/",
        maxBodyBytes: 16,
        run: async () => answer({ "content-type": "text/html", "content-security-policy": bankPagePolicy }),
      },
    ]);
    server = createServer((request, response) => {
      if (!serve(request, response)) response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends every static header and the API policy on an API answer", async () => {
    const response = await fetch(`${base}/v1/accounts`);
    for (const { key, value } of securityHeaders) expect(response.headers.get(key), key).toBe(value);
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(response.headers.get("content-security-policy")).toBe(API_POLICY);
  });

  it("keeps the policy of a page the bank serves through the gateway, and sends no second one", async () => {
    const response = await fetch(`${base}/oauth/authorize`);
    expect(response.headers.get("content-security-policy")).toBe(bankPagePolicy);
  });
});
