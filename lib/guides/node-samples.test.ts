import { describe, expect, it } from "vitest";
import { loadGuides } from "./load-guides";
import { extractSamples } from "./samples";

/** The guides' Node samples show the typed client, so readers learn the way that catches mistakes. */
describe("the guides' Node samples", () => {
  const guides = loadGuides();
  const samples = guides.flatMap((guide) =>
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

  it("import only what a reader can install: the typed client from the portal (the Quickstart's command), Node's modules, and packages a guide names", () => {
    const quickstart = guides.find((guide) => guide.slug === "quickstart")!;
    expect(quickstart.body).toMatch(/^npm install \{\{SDK_URL\}\}$/m);
    const named = guides.flatMap((guide) =>
      [...guide.body.matchAll(/npm install ([^`\n{]+)/g)].flatMap((match) => match[1].trim().split(/\s+/)),
    );
    for (const { where, code } of samples)
      for (const [, name] of code.matchAll(/^import [^;]*? from "([^"]+)";/gm)) {
        if (name.startsWith("node:") || name === "@openbank/sandbox-client") continue;
        expect(
          named.some((spec) => spec === name || spec.startsWith(`${name}@`)),
          `${where} imports ${name}`,
        ).toBe(true);
      }
  });
});
