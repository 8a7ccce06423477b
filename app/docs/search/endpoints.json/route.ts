import { endpointItems } from "@/lib/docs/docs-search";
import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { withErrors } from "@/lib/http/route-handler";

// The bank generates the document, so this index is built per request (the document itself is
// cached for a minute); browsers keep it five minutes. Bank down: a 503 problem, and the search
// carries on with the guides alone.
export const dynamic = "force-dynamic";

/** The API reference's operations as search items (GET /docs/search/endpoints.json). */
export const GET = withErrors(async () =>
  Response.json(endpointItems(await getOpenApiDocument()), {
    headers: { "cache-control": "public, max-age=300" },
  }),
);
