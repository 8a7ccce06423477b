import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the sandbox API, at a stable URL. */
export const GET = withErrors(async () =>
  Response.json(await getOpenApiDocument(), {
    headers: { "cache-control": "public, max-age=60", "access-control-allow-origin": "*" },
  }),
);
