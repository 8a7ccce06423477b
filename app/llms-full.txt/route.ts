import { withErrors } from "@/lib/http/route-handler";
import { getLlmsFullTxt } from "@/lib/llms/load-machine-docs";
import { textResponse } from "@/lib/llms/text-response";

export const dynamic = "force-dynamic";

/** Every guide's text and every operation of both APIs, in one Markdown file (lib/llms/build-llms-txt.ts). */
export const GET = withErrors(async () => textResponse(await getLlmsFullTxt(), "text/plain"));
