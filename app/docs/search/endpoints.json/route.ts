import { endpointItems } from "@/lib/docs/docs-search";
import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { getOpenApiDocumentOrNull } from "@/lib/docs/load-api-reference";
import { STANDARD_REFERENCES } from "@/lib/docs/standard-references";
import { withErrors } from "@/lib/http/route-handler";

// The bank generates the document, so this index is built per request (the document itself is
// cached for a minute); browsers keep it five minutes. Bank down: a 503 problem, and the search
// carries on with the guides alone.
export const dynamic = "force-dynamic";

/**
 * The API reference's operations as search items (GET /docs/search/endpoints.json): the sandbox API's,
 * then each standard's, linked to its own page (left out while its document is unavailable).
 */
export const GET = withErrors(async () => {
  const sandbox = endpointItems(await getOpenApiDocument());
  const standards = await Promise.all(
    STANDARD_REFERENCES.map(async (standard) => {
      const document = await getOpenApiDocumentOrNull(standard.key);
      return document ? endpointItems(document, { page: standard.docsHref, label: standard.label }) : [];
    }),
  );
  return Response.json([...sandbox, ...standards.flat()], { headers: { "cache-control": "public, max-age=300" } });
});
