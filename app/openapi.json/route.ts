import { findApiArea, filterDocumentByTag } from "@/lib/docs/api-areas";
import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { AppError } from "@openbank/contracts/errors";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * The OpenAPI 3.1 document of the sandbox API, at a stable URL. `?area=<slug>` narrows it to one
 * product area (what each `/docs/api/<area>` page renders).
 */
export const GET = withErrors(async (request: Request) => {
  const document = await getOpenApiDocument();
  const slug = new URL(request.url).searchParams.get("area");
  let body = document;
  if (slug !== null) {
    const area = findApiArea(document, slug);
    if (!area) throw new AppError("resource_not_found", `No API area "${slug}".`);
    body = filterDocumentByTag(document, area.tag);
  }
  return Response.json(body, { headers: { "cache-control": "public, max-age=60", "access-control-allow-origin": "*" } });
});
