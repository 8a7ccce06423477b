import { searchDocsOperation } from "@/lib/docs/docs-search-operations";
import { searchAllDocs } from "@/lib/docs/search-all-docs";
import { handle } from "@/lib/portal-api/handle-operation";

export const dynamic = "force-dynamic";

/** `GET /api/docs/search?q=…&limit=…`: the docs' search for machines (the MCP server's `search_docs`). */
export const GET = handle(searchDocsOperation, async ({ query }) => ({
  // The hits without their section's whole text (the snippet stands for it): the document's shape.
  data: (await searchAllDocs({ query: query.q, limit: query.limit })).map((hit) => ({
    kind: hit.kind,
    title: hit.title,
    heading: hit.heading,
    href: hit.href,
    snippet: hit.snippet,
    score: hit.score,
    ...(hit.kind === "endpoint" ? { method: hit.method, path: hit.path } : {}),
  })),
}));
