import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { action } from "../action.js";
import { createMcpServer } from "../mcp/server.js";

/**
 * `openbank mcp`: the MCP server on stdio, for an AI assistant to start (Claude Desktop, Cursor,
 * VS Code…). Nothing else may be written to stdout: it carries the protocol.
 */
export function registerMcp(program: Command): void {
  program
    .command("mcp")
    .description("serve the MCP server on stdio for an AI assistant (docs search, sandbox calls, request logs, sandbox controls)")
    .action(
      action(async (context) => {
        const server = createMcpServer({
          baseUrl: context.baseUrl,
          token: context.token,
          apiKey: context.apiKey,
          appId: context.appId,
          transport: "stdio",
        });
        await server.connect(new StdioServerTransport());
        // Serve until the client closes stdin.
        await new Promise<void>((resolve) => process.stdin.once("close", resolve).once("end", resolve));
        await server.close();
      }),
    );
}
