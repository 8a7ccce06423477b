import { fillPortalFacts, renderGuideMarkdown } from "@/lib/guides/guide-markdown";
import type { PortalFacts } from "@/lib/guides/portal-facts";
import { buildLlmsFullTxt, buildLlmsTxt, type MachineDocsSources } from "./build-llms-txt";

/*
 * The machine-readable docs are generated at build time (`npm run docs:build`, part of
 * `npm run build`, scripts/machine-docs-build.ts) from the guides and the OpenAPI documents, into
 * MACHINE_DOCS_DIR. The build does not know where the portal will be served, so every link and
 * sample carries ORIGIN_PLACEHOLDER, and the settings the guides state (`<GoLiveMinimum />`,
 * `<LoopbackReceivers />`) stay as their components; the running portal fills in its PORTAL_URL
 * and its settings (fillMachineDoc).
 */

export const MACHINE_DOCS_DIR = ".machine-docs";
/** Where the build's texts say "this portal": a URL (so URL-shaped code keeps working) no portal can have (`.invalid`, RFC 6761). */
export const ORIGIN_PLACEHOLDER = "https://portal-origin.invalid";

/** A generated file's path under MACHINE_DOCS_DIR: `llms.txt`, `llms-full.txt`, `guides/<slug>.md`. */
export type MachineDocName = "llms.txt" | "llms-full.txt" | `guides/${string}.md`;
export const guideDocName = (slug: string): MachineDocName => `guides/${slug}.md`;

/** Every machine doc, origin and settings left for the portal to fill. */
export function renderMachineDocs(sources: Omit<MachineDocsSources, "baseUrl" | "facts">): Map<MachineDocName, string> {
  const deferred: MachineDocsSources = { ...sources, baseUrl: ORIGIN_PLACEHOLDER, facts: null };
  const docs = new Map<MachineDocName, string>([
    ["llms.txt", buildLlmsTxt(deferred)],
    ["llms-full.txt", buildLlmsFullTxt(deferred)],
  ]);
  for (const guide of sources.guides)
    docs.set(guideDocName(guide.slug), renderGuideMarkdown(guide, { baseUrl: ORIGIN_PLACEHOLDER, facts: null }));
  return docs;
}

/** A generated text for this portal: its settings, then its origin in place of the placeholder. */
export function fillMachineDoc(text: string, baseUrl: string, facts: PortalFacts): string {
  return fillPortalFacts(text, facts).replaceAll(ORIGIN_PLACEHOLDER, baseUrl.replace(/\/$/, ""));
}
