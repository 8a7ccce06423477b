import { withErrors } from "@/lib/http/route-handler";
import { getGuideMarkdown } from "@/lib/llms/load-machine-docs";
import { textResponse } from "@/lib/llms/text-response";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/**
 * `/docs/guides/<slug>.md` (next.config.js rewrites it here): the guide as plain Markdown, for
 * anyone (no session: the samples are filled as for a visitor). An unknown slug is a plain 404.
 */
export const GET = withErrors(async (_request: Request, { params }: Context) => {
  const { slug } = await params;
  const markdown = await getGuideMarkdown(slug);
  if (markdown === null) return textResponse("No guide of that name. The guides are listed at /llms.txt.\n", "text/plain", 404);
  return textResponse(markdown, "text/markdown");
});
