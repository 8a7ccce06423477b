import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { request } from "../../api.js";
import type { operations } from "../../portal-api-schema.js";
import { appIdInput, requestIdInput, requireToken, resolveAppId } from "../inputs.js";
import type { McpContext } from "../mcp-context.js";
import { answer, json, runTool } from "../tool-result.js";

type RequestLog = operations["listRequestLogs"]["responses"][200]["content"]["application/json"]["data"][number];
type RequestLogDetail = operations["getRequestLog"]["responses"][200]["content"]["application/json"];
type ErrorEntry = { code: string; status: number; title: string; hint: string; docs_url: string };
type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { pointer?: string; detail?: string }[];
};

/** The error catalogue, as the portal publishes it (`GET /api/docs/errors`, from `@openbank/contracts/errors`). */
async function loadCatalogue(context: McpContext): Promise<Map<string, ErrorEntry>> {
  const response = await request(context, "GET", "/api/docs/errors", { auth: "none" });
  const { data } = (await response.json()) as { data: ErrorEntry[] };
  return new Map(data.map((entry) => [entry.code, entry]));
}

function parseProblem(body: string | null): Problem | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Problem) : null;
  } catch {
    return null;
  }
}

/** `recent_request_logs` and `explain_error`: the app's request logs (masked as stored) through the portal API. */
export function registerRequestLogs(server: McpServer, context: McpContext): void {
  server.registerTool(
    "recent_request_logs",
    {
      title: "Recent request logs",
      description:
        'List the app\'s most recent sandbox API calls (newest first) as the gateway logged them: method, path, status, latency, request id, key. Secrets and personal data were masked before they were stored. Filter by status ("4xx", "5xx" or an exact 404), method, a path fragment, or a time window. For one failed call, explain_error with its request id says what went wrong.',
      inputSchema: {
        app_id: appIdInput,
        status: z
          .string()
          .trim()
          .regex(/^([2-5]xx|[1-5]\d\d)$/i, "status must be 2xx, 3xx, 4xx, 5xx or an exact status such as 404")
          .optional()
          .describe("A status class or an exact status."),
        method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
        path: z.string().trim().min(1).max(200).optional().describe("Calls whose path contains this text, e.g. /v1/payments."),
        since: z.enum(["1h", "24h", "7d", "14d"]).optional().describe("Only calls from the last hour, day, week or two weeks."),
        limit: z
          .number()
          .int()
          .min(1, "limit must be 1 to 100")
          .max(100, "limit must be 1 to 100")
          .optional()
          .describe("How many calls, 1 to 100 (default 20)."),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      runTool(async () => {
        requireToken(context, "Reading request logs");
        const appId = await resolveAppId(context, input.app_id);
        const query = new URLSearchParams({ limit: String(input.limit ?? 20) });
        for (const [name, value] of Object.entries({
          status: input.status?.toLowerCase(),
          method: input.method,
          path: input.path,
          since: input.since,
        }))
          if (value) query.set(name, value);
        // `request`, not the typed client: inside the portal (Next's patched fetch) the client's Request loses its headers.
        const response = await request(context, "GET", `/api/apps/${appId}/requests?${query}`);
        const calls = ((await response.json()) as { data: RequestLog[] }).data;
        if (calls.length === 0) return answer(`No logged call of ${appId} matches.`, { app_id: appId, calls: [] });
        const lines = calls.map(
          (call) => `${call.created_at}  ${call.status}  ${call.method} ${call.path}  ${call.latency_ms} ms  ${call.id}`,
        );
        return answer(`${calls.length} most recent call(s) of ${appId}, newest first:\n${lines.join("\n")}`, { app_id: appId, calls });
      }),
  );

  server.registerTool(
    "explain_error",
    {
      title: "Explain a failed call",
      description:
        "Explain one sandbox API call by its request id (req_…, from the X-Request-Id header or a problem's request_id): the logged request and answer (masked as stored), the error code's entry in the error catalogue (what it means, what to do, its docs link), and the fields to fix. Works for any call of the app that is still in its logs.",
      inputSchema: { request_id: requestIdInput, app_id: appIdInput },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      runTool(async () => {
        requireToken(context, "Explaining a call from the logs");
        const appId = await resolveAppId(context, input.app_id);
        const call = (await (await request(context, "GET", `/api/apps/${appId}/requests/${input.request_id}`)).json()) as RequestLogDetail;
        const problem = parseProblem(call.response.body);
        const catalogue = call.status >= 400 ? await loadCatalogue(context) : new Map<string, ErrorEntry>();
        const entry = problem?.code ? (catalogue.get(problem.code) ?? null) : null;
        const fix: string[] = [];
        if (call.status < 400) fix.push("Nothing: the call succeeded.");
        else {
          for (const field of problem?.errors ?? []) fix.push(`Fix ${field.pointer ?? "the request"}: ${field.detail ?? ""}`.trim());
          if (problem?.detail) fix.push(problem.detail);
          if (entry) fix.push(entry.hint);
          if (!entry && !problem) fix.push("The answer was not a problem document: read the response body and headers below.");
        }
        const explanation = {
          request_id: call.id,
          app_id: appId,
          call: {
            method: call.method,
            path: call.path,
            route: call.route,
            status: call.status,
            latency_ms: call.latency_ms,
            key_prefix: call.key_prefix,
            at: call.created_at,
          },
          problem,
          catalogue_entry: entry,
          what_to_fix: fix,
          request: call.request,
          response: call.response,
        };
        const headline =
          call.status < 400
            ? `${call.method} ${call.path} answered ${call.status}: it did not fail.`
            : `${call.method} ${call.path} answered ${call.status}${problem?.code ? ` ${problem.code}` : ""}: ${entry?.title ?? problem?.title ?? "an error"}.`;
        const text = [
          headline,
          ...(entry ? [`Docs: ${entry.docs_url}`] : []),
          "What to fix:",
          ...fix.map((line) => `- ${line}`),
          "",
          json(explanation),
        ].join("\n");
        return answer(text, explanation);
      }),
  );
}
