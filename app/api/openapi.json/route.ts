import { handle } from "@/lib/portal-api/handle-operation";
import { portalOpenApiOperation } from "@/lib/portal-api/portal-api-operations";
import { portalOpenApiDocument } from "@/lib/portal-api/portal-openapi";

export const dynamic = "force-dynamic";

export const GET = handle(portalOpenApiOperation, () => portalOpenApiDocument());
