import { readFile } from "node:fs/promises";
import path from "node:path";
import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { env } from "@/lib/env";
import { loadGuides } from "@/lib/guides/load-guides";
import type { PortalFacts } from "@/lib/guides/portal-facts";
import { portalUrl } from "@/lib/http/portal-url";
import { portalOpenApiDocument } from "@/lib/portal-api/portal-openapi";
import { fillMachineDoc, guideDocName, MACHINE_DOCS_DIR, renderMachineDocs, type MachineDocName } from "./machine-docs-files";

/*
 * The machine-readable docs of this deployment, as `npm run build` generated them
 * (scripts/machine-docs-build.ts → .machine-docs/), read once per production server; each answer
 * fills in PORTAL_URL (the portal's public address, which the OpenAPI documents' servers name too)
 * and this portal's settings, so every request gets the same bytes and shared caches may keep them.
 * Without a build (`npm run dev`, a checkout) they are rendered here from the same sources.
 */

const production = () => process.env.NODE_ENV === "production";
const generated = new Map<MachineDocName, string>();

function facts(): PortalFacts {
  const settings = env();
  return { goLiveMinimum: settings.GO_LIVE_MIN_ENDPOINTS, loopbackAllowed: settings.WEBHOOKS_ALLOW_LOOPBACK };
}

async function renderNow(name: MachineDocName): Promise<string> {
  const docs = renderMachineDocs({ guides: loadGuides(), sandbox: await getOpenApiDocument("sandbox"), portal: portalOpenApiDocument() });
  return docs.get(name)!;
}

async function machineDoc(name: MachineDocName): Promise<string> {
  let text = generated.get(name);
  if (text === undefined) {
    text = await readFile(path.join(process.cwd(), MACHINE_DOCS_DIR, name), "utf8").catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT" || production()) throw error;
      return renderNow(name);
    });
    if (production()) generated.set(name, text);
  }
  return fillMachineDoc(text, portalUrl(), facts());
}

export const getLlmsTxt = () => machineDoc("llms.txt");
export const getLlmsFullTxt = () => machineDoc("llms-full.txt");

/** One guide as Markdown, or null when there is no guide of that slug. */
export async function getGuideMarkdown(slug: string): Promise<string | null> {
  if (!loadGuides().some((guide) => guide.slug === slug)) return null;
  return machineDoc(guideDocName(slug));
}
