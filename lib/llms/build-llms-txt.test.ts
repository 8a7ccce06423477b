import { describe, expect, it } from "vitest";
import { listOperations } from "@/lib/docs/api-areas";
import { loadGuides } from "@/lib/guides/load-guides";
import { buildPortalOpenApiDocument } from "@/lib/portal-api/openapi-document";
import { portalOperations } from "@/lib/portal-api/operations";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import { buildLlmsFullTxt, buildLlmsTxt, operationPointer } from "./build-llms-txt";

const baseUrl = "https://developers.example";
const sources = {
  baseUrl,
  guides: loadGuides(),
  sandbox: await buildOpenApiDocument(),
  portal: buildPortalOpenApiDocument(portalOperations, { portalUrl: baseUrl }),
  facts: { goLiveMinimum: 3, loopbackAllowed: true },
};

describe("llms.txt", () => {
  const text = buildLlmsTxt(sources);

  it("follows llmstxt.org: an H1, a blockquote summary, prose without headings, then H2 file lists of [name](url): notes", () => {
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^# \S/);
    expect(lines[2]).toMatch(/^> \S/);
    const firstSection = lines.findIndex((line) => line.startsWith("## "));
    expect(lines.slice(1, firstSection).some((line) => line.startsWith("#"))).toBe(false);
    for (const line of lines.slice(firstSection)) {
      if (!line || line.startsWith("## ")) continue;
      expect(line).toMatch(/^- \[[^\]]+\]\(https?:\/\/[^)\s]+\)(: .+)?$/);
    }
    expect(lines.filter((line) => line.startsWith("## "))).toEqual(["## Guides", "## Sandbox API", "## Portal API", "## Optional"]);
  });

  it("lists every guide's Markdown copy with its description", () => {
    for (const guide of sources.guides)
      expect(text).toContain(`- [${guide.title}](${baseUrl}/docs/guides/${guide.slug}.md): ${guide.description}`);
  });

  it("lists every operation of the sandbox API and of the portal API", () => {
    const sandbox = listOperations(sources.sandbox);
    const portal = listOperations(sources.portal);
    expect(sandbox.length).toBeGreaterThan(20);
    expect(portal.length).toBeGreaterThan(10);
    for (const operation of sandbox) expect(text).toContain(`[${operation.method.toUpperCase()} ${operation.path}](${baseUrl}/docs/api/`);
    for (const operation of portal)
      expect(text).toContain(
        `[${operation.method.toUpperCase()} ${operation.path}](${baseUrl}/api/openapi.json${operationPointer(operation.path, operation.method)})`,
      );
  });

  it("links only absolute URLs on the portal's origin (and the full text, the standards)", () => {
    const links = [...text.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(50);
    for (const link of links) expect(new URL(link).origin).toBe(baseUrl);
    expect(links).toContain(`${baseUrl}/llms-full.txt`);
    expect(links).toContain(`${baseUrl}/openapi/uk-open-banking.json`);
  });
});

describe("llms-full.txt", () => {
  const text = buildLlmsFullTxt(sources);

  it("holds every guide's full text under its title, with the guide's headings below it", () => {
    for (const guide of sources.guides) {
      expect(text).toContain(`## Guide: ${guide.title}\n`);
      for (const heading of guide.headings) expect(text).toContain(`${"#".repeat(heading.depth + 2)} ${heading.text}`.replace(/`/g, ""));
    }
    expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/);
  });

  it("describes every operation of both documents", () => {
    for (const operation of [...listOperations(sources.sandbox), ...listOperations(sources.portal)])
      expect(text).toContain(`### ${operation.method.toUpperCase()} ${operation.path}\n`);
  });

  it("names no relative link to the portal", () => {
    expect(text).not.toMatch(/\]\(\/[^)]/);
  });
});
