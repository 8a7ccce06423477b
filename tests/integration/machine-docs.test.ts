import { describe, expect, inject, it } from "vitest";
import { loadGuides } from "@/lib/guides/load-guides";
import { PortalClient } from "../support/portal-client";

/**
 * Issue 18's docs for machines, served by the built portal: /llms.txt, /llms-full.txt and every
 * guide as Markdown beside its page. Public (no session), plain text, links on this portal.
 */
const portalUrl = inject("portalUrl");
const guides = loadGuides();
const get = (path: string, init?: RequestInit) => fetch(new URL(path, portalUrl), { redirect: "manual", ...init });

describe("/docs/guides/<slug>.md", () => {
  it("answers every guide as Markdown, for anyone: text/markdown in UTF-8, cacheable, its title first and no MDX left", async () => {
    for (const guide of guides) {
      const response = await get(`/docs/guides/${guide.slug}.md`);
      expect(response.status, guide.slug).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("public, max-age=300");
      expect(response.headers.get("set-cookie")).toBeNull();
      const text = await response.text();
      expect(text.startsWith(`# ${guide.title}\n\n> ${guide.description}\n`), guide.slug).toBe(true);
      // One guide: its own headings, and no other guide's title as a heading.
      for (const heading of guide.headings) expect(text).toContain(heading.text);
      for (const other of guides.filter((candidate) => candidate.slug !== guide.slug)) expect(text).not.toContain(`# ${other.title}\n`);
      expect(text.replace(/^```[\s\S]*?^```$/gm, ""), guide.slug).not.toMatch(
        /<\/?(Samples|RetrySchedule|GoLiveMinimum|LoopbackReceivers)\b/,
      );
      expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/);
    }
  });

  it("fills the samples with this portal's origin, labels each language and keeps links absolute", async () => {
    const text = await (await get("/docs/guides/quickstart.md")).text();
    expect(text).toContain(`Page: ${portalUrl}/docs/guides/quickstart`);
    expect(text).toContain(`**curl**\n\n\`\`\`bash\ncurl "${portalUrl}/v1/accounts?limit=3"`);
    expect(text).toContain("**Node**");
    expect(text).toContain("**Python**");
    expect(text).toContain(`(${portalUrl}/docs/guides/payments)`);
    expect(text).not.toMatch(/\]\(\/[^)]/);
  });

  it("is the same for a signed-in developer: never their key or app (the copy is public and cached)", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Markdown reader");
    const created = await client.createApp("Markdown app");
    const response = await client.request("GET", "/docs/guides/quickstart.md");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(await (await get("/docs/guides/quickstart.md")).text());
    expect(text).not.toContain(created.app.id);
    expect(text).not.toContain(created.secret);
  });

  it("answers an unknown guide with a plain-text 404, not the HTML page", async () => {
    for (const path of ["/docs/guides/no-such-guide.md", "/docs/guides/QUICKSTART.md", "/docs/guides/%3Cscript%3E.md"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      const text = await response.text();
      expect(text).toContain("No guide of that name");
      expect(text).not.toContain("<");
    }
  });

  it("is linked from its page: <link rel=alternate type=text/markdown> and the visible View as Markdown link", async () => {
    const html = await (await get("/docs/guides/webhooks")).text();
    expect(html).toMatch(/<link rel="alternate" type="text\/markdown" href="\/docs\/guides\/webhooks\.md"\s*\/?>/);
    expect(html).toMatch(/<a href="\/docs\/guides\/webhooks\.md" type="text\/markdown"[^>]*>[\s\S]*?View as Markdown/);
    expect(html).toContain("Copy for LLM");
  });

  it("does not answer other methods with a document", async () => {
    const response = await get("/docs/guides/quickstart.md", { method: "POST" });
    expect(response.status).toBe(405);
  });
});

describe("/llms.txt and /llms-full.txt", () => {
  it("/llms.txt is the llmstxt.org index: every guide's .md and the APIs, absolute links on this portal, text/plain", async () => {
    const response = await get("/llms.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const text = await response.text();
    expect(text).toMatch(/^# .+\n\n> .+\n/);
    for (const guide of guides) expect(text).toContain(`- [${guide.title}](${portalUrl}/docs/guides/${guide.slug}.md): `);
    for (const link of [...text.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1])) expect(new URL(link).origin).toBe(portalUrl);
    // Both documents' operations, as each document has them.
    const sandbox = await (await get("/openapi.json")).json();
    const portal = await (await get("/api/openapi.json")).json();
    for (const [document, count] of [
      [sandbox, 20],
      [portal, 10],
    ] as const) {
      const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((method) => ["get", "put", "post", "delete", "patch"].includes(method))
          .map((method) => `[${method.toUpperCase()} ${path}](`),
      );
      expect(operations.length).toBeGreaterThan(count);
      for (const operation of operations) expect(text).toContain(operation);
    }
  });

  it("/llms-full.txt holds every guide's text and every operation, and each .md links back to its page", async () => {
    const response = await get("/llms-full.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    for (const guide of guides) {
      expect(text).toContain(`## Guide: ${guide.title}\n`);
      expect(text).toContain(`Markdown: ${portalUrl}/docs/guides/${guide.slug}.md`);
    }
    expect(text).toContain("### GET /v1/accounts\n");
    expect(text).toContain("### GET /api/apps\n");
    expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/);
  });
});
