import { describe, expect, it } from "vitest";
import { createNonce, pagePolicy, policyNonce, transportHeaders } from "./content-security-policy";

/** The policy as a map: directive → its sources. */
const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)] as const));

describe("the pages' Content-Security-Policy", () => {
  it("runs only scripts with this response's nonce and what they load, and nothing else that can run code", () => {
    const policy = directives(pagePolicy({ nonce: "abc123==" }));
    expect(policy.get("script-src")).toEqual(["'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    // No source anywhere lets an injected <script> or a javascript: URL run.
    expect(pagePolicy({ nonce: "n" })).not.toMatch(/'unsafe-eval'|'unsafe-hashes'|\*|https?:/);
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("allows eval and the hot-reload socket only in development", () => {
    expect(directives(pagePolicy({ nonce: "n", dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(pagePolicy({ nonce: "n", dev: true })).get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("makes a fresh 128-bit nonce each time, which the policy gives back", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    const nonce = createNonce();
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(policyNonce(pagePolicy({ nonce }))).toBe(nonce);
    expect(policyNonce("default-src 'self'")).toBeNull();
  });
});

describe("transport headers", () => {
  it("sends HSTS only when the portal is served over https", () => {
    expect(transportHeaders("https://developers.bank.example")).toEqual([
      ["Strict-Transport-Security", "max-age=63072000; includeSubDomains"],
    ]);
    expect(transportHeaders("http://localhost:3000")).toEqual([]);
  });
});
