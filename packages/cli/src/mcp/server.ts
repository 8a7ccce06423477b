import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
/** The CLI's version (program.ts's VERSION; not imported from there, which would pull commander into the portal). */
const VERSION = "0.1.0";
import type { McpContext } from "./mcp-context.js";
import { registerCallSandbox } from "./tools/call-sandbox.js";
import { registerDescribeOperation } from "./tools/describe-operation.js";
import { registerRequestLogs } from "./tools/request-logs.js";
import { registerSandboxControls } from "./tools/sandbox-controls.js";
import { registerSearchDocs } from "./tools/search-docs.js";

export type { McpContext } from "./mcp-context.js";

/**
 * The Open Bank MCP server: the same tools whether `openbank mcp` serves it on stdio or the
 * portal on `/api/mcp`. Every tool acts over HTTP on the portal's origin (`context.baseUrl`):
 * the portal API with the personal access token, the sandbox through the gateway with the
 * sandbox key; none reaches into a database.
 */
export function createMcpServer(context: McpContext): McpServer {
  const server = new McpServer(
    { name: "openbank", title: "Open Bank sandbox", version: VERSION },
    {
      instructions:
        "Tools for the Open Bank developer portal and its sandbox: search_docs and describe_operation to learn the API, call_sandbox to try read calls, recent_request_logs and explain_error to debug, and the write tools (call_sandbox_write, reset_sandbox, advance_clock), which change the sandbox only with the user's consent.",
    },
  );
  registerSearchDocs(server, context);
  registerDescribeOperation(server, context);
  registerCallSandbox(server, context);
  registerRequestLogs(server, context);
  registerSandboxControls(server, context);
  return server;
}
