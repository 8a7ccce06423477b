import { withErrors } from "@/lib/http/route-handler";
import { getLlmsTxt } from "@/lib/llms/load-machine-docs";
import { textResponse } from "@/lib/llms/text-response";

export const dynamic = "force-dynamic";

/** The llmstxt.org index of the docs: guides, both APIs' operations, the standards (lib/llms/build-llms-txt.ts). */
export const GET = withErrors(async () => textResponse(await getLlmsTxt(), "text/plain"));
