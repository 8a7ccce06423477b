import { describe, expect, it } from "vitest";
import { loadGuides } from "./load-guides";
import { extractSamples } from "./samples";

/** The guides' Node samples show the typed client, so readers learn the way that catches mistakes. */
describe("the guides' Node samples", () => {
  const samples = loadGuides().flatMap((guide) =>
    extractSamples(guide.body)
      .filter((sample) => sample.language === "node")
      .map((sample) => ({ where: `${guide.slug} step ${sample.step}`, code: sample.code })),
  );

  it("call the sandbox API through @openbank/sandbox-client, not hand-written fetch", () => {
    // DPoP-bound calls go through openid-client's requestResource, which signs each call's proof. The
    // standards' own paths (/berlin-group/v1/…, /open-banking/v4.0/…) are not the sandbox API's:
    // the typed client does not cover them, so they are called with fetch.
    const sandboxApi = /(?<!berlin-group)\/v1\//;
    const calling = samples.filter(({ code }) => sandboxApi.test(code) && !code.includes("requestResource("));
    expect(calling.length).toBeGreaterThan(0);
    for (const { where, code } of samples) expect(code, where).not.toMatch(/fetch\(\s*[`"']\{\{BASE_URL\}\}\/v1/);
    for (const { where, code } of calling) expect(code, where).toContain('from "@openbank/sandbox-client"');
  });

  it("never hold a secret: the key comes from the environment", () => {
    expect(samples.length).toBeGreaterThan(0);
    for (const { where, code } of samples) expect(code, where).not.toMatch(/sk_sandbox_[0-9A-Za-z]{8,}/);
    const clients = samples.filter(({ code }) => code.includes("createSandboxClient("));
    expect(clients.length).toBeGreaterThan(0);
    for (const { where, code } of clients) expect(code, where).toMatch(/apiKey: process\.env\.SANDBOX_KEY|accessToken:/);
  });
});
