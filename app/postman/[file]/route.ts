import { AppError } from "@openbank/contracts/errors";
import { getOpenApiDocument } from "@/lib/docs/get-openapi-document";
import { getSandboxReference } from "@/lib/docs/get-sandbox-reference";
import { buildStandardCollection } from "@/lib/docs/standard-postman-collection";
import { STANDARD_REFERENCES } from "@/lib/docs/standard-references";
import { env } from "@/lib/env";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * A standard's Postman collection (v2.1): `/postman/uk-open-banking.postman_collection.json`,
 * `/postman/berlin-group.postman_collection.json`. Built from the standard's generated document,
 * in the order of its flow, with the accounts of the sandbox's seed; `{{baseUrl}}` is this portal.
 */
export const GET = withErrors(async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const { file } = await params;
  const standard = STANDARD_REFERENCES.find((candidate) => candidate.postmanHref === `/postman/${file}`);
  if (!standard) throw new AppError("resource_not_found", `No Postman collection "${file}".`);
  const [document, sandboxDocument, reference] = await Promise.all([
    getOpenApiDocument(standard.key),
    getOpenApiDocument(),
    getSandboxReference(),
  ]);
  const { collection } = buildStandardCollection({ standard, document, sandboxDocument, reference, baseUrl: env().PORTAL_URL });
  return Response.json(collection, {
    headers: {
      "content-disposition": `attachment; filename="${standard.postmanFile}"`,
      "cache-control": "public, max-age=60",
      "access-control-allow-origin": "*",
    },
  });
});
