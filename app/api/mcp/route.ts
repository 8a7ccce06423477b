import { AppError } from "@openbank/contracts/errors";
import { withErrors } from "@/lib/http/route-handler";
import { serveMcp } from "@/lib/mcp/serve-mcp";

export const dynamic = "force-dynamic";

/**
 * The MCP server over Streamable HTTP (MCP's transport, JSON-RPC; not an operation of the portal
 * API's document): `POST` with `Authorization: Bearer pat_…`. Stateless, so no stream to `GET`
 * and no session to `DELETE`: 405, as the transport's specification allows.
 */
export const POST = withErrors((request: Request) => serveMcp(request));

const notAllowed = withErrors(async () => {
  throw new AppError("method_not_allowed", "The MCP endpoint is stateless: send JSON-RPC messages with POST.", {
    headers: { allow: "POST" },
  });
});
export const GET = notAllowed;
export const DELETE = notAllowed;
