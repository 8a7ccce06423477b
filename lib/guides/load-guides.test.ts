import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractHeadings, loadGuides, neighbours, parseGuide, summarise } from "./load-guides";
import { extractSamples } from "./samples";

describe("parseGuide", () => {
  it("reads the frontmatter and the headings outside code fences, with unique anchors", () => {
    const guide = parseGuide(
      "demo",
      "---\ntitle: Demo\ndescription: A demo guide.\norder: 3\n---\n\n## Step one: `GET /v1/accounts`\n\n```bash\n## not a heading\n```\n\n### Details\n\n## Step one: GET /v1/accounts\n",
    );
    expect(guide).toMatchObject({ slug: "demo", title: "Demo", description: "A demo guide.", order: 3 });
    expect(guide.headings).toEqual([
      { id: "step-one-get-v1accounts", text: "Step one: GET /v1/accounts", depth: 2 },
      { id: "details", text: "Details", depth: 3 },
      { id: "step-one-get-v1accounts-1", text: "Step one: GET /v1/accounts", depth: 2 },
    ]);
  });

  it("refuses a guide without a title or with an unknown field, naming the file", () => {
    expect(() => parseGuide("broken", "---\ndescription: x\norder: 1\n---\nbody")).toThrow(/broken\.mdx: invalid frontmatter/);
    expect(() => parseGuide("extra", "---\ntitle: T\ndescription: x\norder: 1\nauthor: me\n---\nbody")).toThrow(/extra\.mdx/);
  });

  it("ignores headings in indented or tilde-less fences only when they are fenced", () => {
    expect(extractHeadings("## A\n```js\n## B\n```\n## C")).toHaveLength(2);
  });
});

describe("loadGuides", () => {
  it("loads every .mdx file in order, then by slug", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "guides-"));
    writeFileSync(path.join(dir, "b.mdx"), "---\ntitle: B\ndescription: b\norder: 2\n---\n");
    writeFileSync(path.join(dir, "a.mdx"), "---\ntitle: A\ndescription: a\norder: 2\n---\n");
    writeFileSync(path.join(dir, "z.mdx"), "---\ntitle: Z\ndescription: z\norder: 1\n---\n");
    writeFileSync(path.join(dir, "notes.txt"), "not a guide");
    const guides = loadGuides(dir).map(summarise);
    expect(guides.map((guide) => guide.slug)).toEqual(["z", "a", "b"]);
    expect(neighbours(guides, "a")).toEqual({ previous: guides[0], next: guides[2] });
    expect(neighbours(guides, "z").previous).toBeUndefined();
    expect(neighbours(guides, "missing")).toEqual({});
  });

  it("has the eighteen guides of the docs, in reading order", () => {
    expect(loadGuides().map((guide) => guide.slug)).toEqual([
      "quickstart",
      "authentication",
      "accounts-transactions",
      "payments",
      "cross-border-fx",
      "lending",
      "kyc-account-opening",
      "products-wealth-insurance",
      "webhooks",
      "consent-flow",
      "sandbox-personas",
      "sandbox-controls",
      "cli",
      "errors-rate-limits",
      "going-live",
      "openid-connect-fapi",
      "uk-open-banking",
      "berlin-group",
    ]);
  });

  it("loads the repository's guides: unique slugs and orders, Quickstart first, every guide has runnable samples (curl, Node and Python, or the CLI)", () => {
    const guides = loadGuides();
    expect(guides[0].slug).toBe("quickstart");
    expect(new Set(guides.map((guide) => guide.order)).size).toBe(guides.length);
    for (const guide of guides) {
      const samples = extractSamples(guide.body);
      const steps = new Set(samples.map((sample) => sample.step));
      for (const step of steps) {
        const languages = samples
          .filter((sample) => sample.step === step)
          .map((sample) => sample.language)
          .sort();
        // A step that signs JWTs (client assertions, DPoP proofs) has no curl form: Node and Python then.
        const signs = samples.some((sample) => sample.step === step && /client_assertion|DPoP|privateJwk|PRIVATE_JWK/.test(sample.code));
        // A terminal step with the openbank CLI is one shell block: the CLI has no other language.
        const cli = languages.includes("cli");
        expect(languages, `${guide.slug} step ${step}`).toEqual(
          cli ? ["cli"] : signs ? expect.arrayContaining(["node", "python"]) : ["curl", "node", "python"],
        );
      }
      expect(steps.size, guide.slug).toBeGreaterThan(0);
      expect(guide.body, `${guide.slug} must not contain a key`).not.toMatch(/sk_sandbox_[A-Za-z0-9]{6}/);
    }
  });
});
