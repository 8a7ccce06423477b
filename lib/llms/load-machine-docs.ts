import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { env } from "@/lib/env";
import { renderGuideMarkdown } from "@/lib/guides/guide-markdown";
import { loadGuides } from "@/lib/guides/load-guides";
import type { PortalFacts } from "@/lib/guides/portal-facts";
import { portalUrl } from "@/lib/http/portal-url";
import { portalOpenApiDocument } from "@/lib/portal-api/portal-openapi";
import { buildLlmsFullTxt, buildLlmsTxt } from "./build-llms-txt";

/*
 * The machine-readable docs of this deployment. Their sources ship with the build (the guides'
 * MDX, the portal API's operations, the bank's schemas), so a production server renders each
 * text once and keeps it; the origin in their links is PORTAL_URL, the portal's public address
 * (the OpenAPI documents' servers name it too), so every request gets the same bytes and shared
 * caches may keep them.
 */

const production = () => process.env.NODE_ENV === "production";
const cache = new Map<string, string>();

async function remember(key: string, make: () => string | Promise<string>): Promise<string> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = await make();
  if (production()) cache.set(key, text);
  return text;
}

function facts(): PortalFacts {
  const settings = env();
  return { goLiveMinimum: settings.GO_LIVE_MIN_ENDPOINTS, loopbackAllowed: settings.WEBHOOKS_ALLOW_LOOPBACK };
}

async function sources() {
  return {
    baseUrl: portalUrl(),
    guides: loadGuides(),
    sandbox: await getOpenApiDocument("sandbox"),
    portal: portalOpenApiDocument(),
    facts: facts(),
  };
}

export const getLlmsTxt = () => remember("llms.txt", async () => buildLlmsTxt(await sources()));
export const getLlmsFullTxt = () => remember("llms-full.txt", async () => buildLlmsFullTxt(await sources()));

/** One guide as Markdown, or null when there is no guide of that slug. */
export async function getGuideMarkdown(slug: string): Promise<string | null> {
  const guide = loadGuides().find((candidate) => candidate.slug === slug);
  if (!guide) return null;
  return remember(`guide:${slug}`, () => renderGuideMarkdown(guide, { baseUrl: portalUrl(), facts: facts() }));
}
