import { describe, expect, it } from "vitest";
import { renderGuideMarkdown } from "@/lib/guides/guide-markdown";
import { loadGuides } from "@/lib/guides/load-guides";
import { buildPortalOpenApiDocument } from "@/lib/portal-api/openapi-document";
import { portalOperations } from "@/lib/portal-api/operations";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import { buildLlmsFullTxt, buildLlmsTxt } from "./build-llms-txt";
import { fillMachineDoc, guideDocName, ORIGIN_PLACEHOLDER, renderMachineDocs } from "./machine-docs-files";

const baseUrl = "https://developers.example";
const guides = loadGuides();
const sandbox = await buildOpenApiDocument();
const generated = renderMachineDocs({
  guides,
  sandbox,
  portal: buildPortalOpenApiDocument(portalOperations, { portalUrl: ORIGIN_PLACEHOLDER }),
});

describe("the machine docs as the build generates them", () => {
  it("are llms.txt, llms-full.txt and every guide's Markdown, with the origin and the portal's settings left to fill", () => {
    expect([...generated.keys()].sort()).toEqual(["llms-full.txt", "llms.txt", ...guides.map((guide) => guideDocName(guide.slug))].sort());
    for (const [name, text] of generated) {
      expect(text, name).not.toMatch(/\{\{[A-Z_]+\}\}/);
    }
    expect(generated.get("llms.txt")).toContain(`${ORIGIN_PLACEHOLDER}/llms-full.txt`);
    expect(generated.get(guideDocName("going-live"))).toContain("<GoLiveMinimum />");
  });

  it("filled in for a portal, are exactly what rendering them for that portal gives", () => {
    for (const facts of [
      { goLiveMinimum: 3, loopbackAllowed: true },
      { goLiveMinimum: 5, loopbackAllowed: false },
    ]) {
      const sources = { baseUrl, guides, sandbox, portal: buildPortalOpenApiDocument(portalOperations, { portalUrl: baseUrl }), facts };
      expect(fillMachineDoc(generated.get("llms.txt")!, baseUrl, facts)).toBe(buildLlmsTxt(sources));
      expect(fillMachineDoc(generated.get("llms-full.txt")!, `${baseUrl}/`, facts)).toBe(buildLlmsFullTxt(sources));
      for (const guide of guides)
        expect(fillMachineDoc(generated.get(guideDocName(guide.slug))!, baseUrl, facts), guide.slug).toBe(
          renderGuideMarkdown(guide, { baseUrl, facts }),
        );
    }
  });

  it("leave nothing of the placeholder once filled", () => {
    const text = fillMachineDoc(generated.get("llms-full.txt")!, baseUrl, { goLiveMinimum: 3, loopbackAllowed: false });
    expect(text).not.toContain("portal-origin.invalid");
    expect(text).not.toMatch(/<(GoLiveMinimum|LoopbackReceivers)\b/);
    expect(text).toContain("This sandbox refuses loopback receivers");
  });
});
