import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { request } from "../../api.js";
import { maskKey } from "../inputs.js";
import type { McpContext } from "../mcp-context.js";
import { describeOperation, findOperation, similarOperationIds, type OpenApiDocument } from "../openapi.js";
import { answer, json, refusal, runTool } from "../tool-result.js";

const DOCUMENTS = { sandbox: "/openapi.json", portal: "/api/openapi.json" } as const;
type Api = keyof typeof DOCUMENTS;

/** Where the docs show a sandbox operation (Swagger UI's deep link on its area's page), as the portal's api-areas builds it. */
const sandboxDocsUrl = (baseUrl: string, tag: string, operationId: string) =>
  `${baseUrl}/docs/api/${tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")}#/${encodeURIComponent(tag)}/${encodeURIComponent(operationId)}`;

/** The sandbox's or the portal's OpenAPI document (both public). */
export async function loadDocument(context: McpContext, api: Api): Promise<OpenApiDocument> {
  const response = await request(context, "GET", DOCUMENTS[api], { auth: "none" });
  return (await response.json()) as OpenApiDocument;
}

/** `describe_operation`: one operation of either document, with an example request and response. */
export function registerDescribeOperation(server: McpServer, context: McpContext): void {
  server.registerTool(
    "describe_operation",
    {
      title: "Describe an API operation",
      description:
        'Describe one operation of the sandbox API (what apps call, /v1/…) or of the portal API (what manages apps, keys and logs, /api/…): its parameters, request body schema, an example request (curl) and an example response, its error statuses and its docs link. Name it by operation_id (e.g. "listAccounts") or by method and path (a template like /v1/accounts/{account_id} or a concrete path). Use it before call_sandbox or call_sandbox_write to build a correct call.',
      inputSchema: z
        .object({
          operation_id: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .regex(/^[A-Za-z0-9_.-]+$/, "operation_id is a word such as listAccounts")
            .optional()
            .describe("The operationId."),
          method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional().describe("With path, instead of operation_id."),
          path: z
            .string()
            .trim()
            .max(500)
            .regex(/^\//, "path must start with /")
            .optional()
            .describe("With method, instead of operation_id."),
          api: z.enum(["sandbox", "portal"]).optional().describe("Which API's document; default: the sandbox's, then the portal's."),
        })
        .refine((input) => input.operation_id || (input.method && input.path), "Give operation_id, or both method and path"),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      runTool(async () => {
        const apis: Api[] = input.api ? [input.api] : input.path?.startsWith("/api/") ? ["portal"] : ["sandbox", "portal"];
        const suggestions: string[] = [];
        for (const api of apis) {
          const document = await loadDocument(context, api);
          const found = findOperation(document, { operationId: input.operation_id, method: input.method, path: input.path });
          if (!found) {
            if (input.operation_id) suggestions.push(...similarOperationIds(document, input.operation_id));
            continue;
          }
          const tag = (found.operation.tags as string[] | undefined)?.[0];
          const id = found.operation.operationId as string | undefined;
          const description = describeOperation(document, found, {
            api,
            baseUrl: context.baseUrl,
            credential: api === "sandbox" ? (context.apiKey ? maskKey(context.apiKey) : "sk_sandbox_…") : "pat_…",
            docsUrl: api === "sandbox" && tag && id ? sandboxDocsUrl(context.baseUrl, tag, id) : `${context.baseUrl}/api/openapi.json`,
          });
          return answer(json(description), description);
        }
        const what = input.operation_id ? `operation_id "${input.operation_id}"` : `${input.method} ${input.path}`;
        const hint = suggestions.length ? ` Did you mean: ${[...new Set(suggestions)].join(", ")}?` : " Try search_docs to find it.";
        return refusal(`No operation ${what} in the ${apis.join(" or ")} API document.${hint}`);
      }),
  );
}
