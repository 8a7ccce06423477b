import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { buildPostmanCollection } from "@/lib/docs/postman-collection";
import { env } from "@/lib/env";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** A Postman collection (v2.1) generated from the OpenAPI document, `{{baseUrl}}` set to this portal. */
export const GET = withErrors(async () =>
  Response.json(buildPostmanCollection(await getOpenApiDocument(), { baseUrl: env().PORTAL_URL }), {
    headers: {
      "content-disposition": 'attachment; filename="open-bank-sandbox.postman_collection.json"',
      "cache-control": "public, max-age=60",
      "access-control-allow-origin": "*",
    },
  }),
);
