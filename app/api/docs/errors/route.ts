import { listErrorCodesOperation } from "@/lib/docs/docs-search-operations";
import { listErrorCodes } from "@/lib/docs/list-error-codes";
import { handle } from "@/lib/portal-api/handle-operation";

export const dynamic = "force-dynamic";

/** `GET /api/docs/errors`: the error catalogue as JSON (the MCP server's `explain_error` reads it). */
export const GET = handle(listErrorCodesOperation, () => listErrorCodes());
