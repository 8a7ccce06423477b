import { stringify } from "yaml";
import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** The same OpenAPI 3.1 document as `/openapi.json`, as YAML. */
export const GET = withErrors(
  async () =>
    new Response(stringify(await getOpenApiDocument(), { aliasDuplicateObjects: false, lineWidth: 0 }), {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": 'inline; filename="openapi.yaml"',
        "cache-control": "public, max-age=60",
        "access-control-allow-origin": "*",
      },
    }),
);
