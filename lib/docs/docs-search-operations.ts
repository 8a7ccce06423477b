import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { text } from "@/lib/portal-api/schemas";

export const MAX_SEARCH_RESULTS = 25;

const searchHitDto = z.object({
  kind: z.enum(["guide", "endpoint", "request"]).describe("A guide's section, an API operation, or a pasted request id."),
  title: text(300),
  heading: text(300).nullable(),
  href: text(500).describe("The page (and anchor) on the portal: `/docs/guides/webhooks#verify-signatures`."),
  snippet: text(1000),
  method: text(10).optional().describe("An operation's HTTP method."),
  path: text(500).optional().describe("An operation's path, as called through the gateway."),
  score: z.number().min(0).max(1_000_000),
});

export const searchDocsOperation = defineOperation({
  method: "GET",
  path: "/api/docs/search",
  operationId: "searchDocs",
  tag: "Docs",
  summary: "Search the guides and the API reference",
  description:
    "What the docs' search box ranks, for scripts and AI assistants: guide sections and the operations of the sandbox API and the standards, best first (every word must match; titles weigh most). A pasted request id (`req_…`) answers one hit: the call in the dashboard's logs. Public, no credential.",
  access: "public",
  query: z.object({
    q: z.string().trim().min(1, "Say what to look for").max(200).describe("Words to look for: `refund webhook`, `POST /v1/payments`."),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_SEARCH_RESULTS)
      .default(10)
      .describe(`Hits to return, 1 to ${MAX_SEARCH_RESULTS} (default 10).`),
  }),
  success: {
    status: 200,
    description: "The hits, best first (none: an empty list).",
    schema: z.object({ data: z.array(searchHitDto).max(MAX_SEARCH_RESULTS) }),
  },
});

const errorCodeDto = z.object({
  code: text(100),
  status: z.number().int().min(100).max(599),
  title: text(300),
  hint: text(2000).describe("What to do about it (Markdown: code in backticks)."),
  docs_url: text(500).describe("The code's entry on the errors page."),
});

export const listErrorCodesOperation = defineOperation({
  method: "GET",
  path: "/api/docs/errors",
  operationId: "listErrorCodes",
  tag: "Docs",
  summary: "The error catalogue",
  description:
    "Every `code` a problem+json answer of the sandbox API or the portal API can carry, with its status, title, what to do, and its entry on the errors page (`/docs/errors#<code>`). The same catalogue the errors page renders. Public, no credential.",
  access: "public",
  success: { status: 200, description: "Every error code.", schema: z.object({ data: z.array(errorCodeDto).max(500) }) },
});

export const docsSearchOperations = [searchDocsOperation, listErrorCodesOperation];
