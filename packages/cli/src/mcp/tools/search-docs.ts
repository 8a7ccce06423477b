import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { request } from "../../api.js";
import type { McpContext } from "../mcp-context.js";
import { answer, runTool } from "../tool-result.js";

type Hit = { kind: string; title: string; heading: string | null; href: string; snippet: string; method?: string; path?: string };

/** `search_docs`: the docs' own search (`GET /api/docs/search`), guides and API reference together. */
export function registerSearchDocs(server: McpServer, context: McpContext): void {
  server.registerTool(
    "search_docs",
    {
      title: "Search the docs",
      description:
        'Search the Open Bank developer portal\'s guides and API reference (the sandbox API and the UK Open Banking and Berlin Group standards) with a few keywords, e.g. "refund webhook" or "POST /v1/payments". Every word must match. Returns the best sections and operations with a link and a snippet; for an operation, follow up with describe_operation (method + path) to get its parameters and an example.',
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1, "query must say what to look for")
          .max(200, "query must be at most 200 characters")
          .describe("Keywords."),
        limit: z.number().int().min(1).max(25).optional().describe("How many hits, 1 to 25 (default 8)."),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ query, limit }) =>
      runTool(async () => {
        const params = new URLSearchParams({ q: query, limit: String(limit ?? 8) });
        const response = await request(context, "GET", `/api/docs/search?${params}`, { auth: "none" });
        const hits = ((await response.json()) as { data: Hit[] }).data.map((hit) => ({
          ...hit,
          url: new URL(hit.href, context.baseUrl).href,
        }));
        if (hits.length === 0) return answer(`No guide section or operation matches "${query}". Try fewer or other words.`, { hits: [] });
        const lines = hits.map((hit, index) => {
          const what =
            hit.kind === "endpoint" ? `${hit.method} ${hit.path} — ${hit.title}` : `${hit.title}${hit.heading ? ` › ${hit.heading}` : ""}`;
          return `${index + 1}. [${hit.kind}] ${what}\n   ${hit.url}\n   ${hit.snippet}`;
        });
        return answer(lines.join("\n"), {
          hits: hits.map(({ kind, title, heading, url, snippet, method, path }) => ({ kind, title, heading, url, snippet, method, path })),
        });
      }),
  );
}
