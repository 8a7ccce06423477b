import { randomUUID } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { request } from "../../api.js";
import { CONSENT_NOTE, obtainConsent, readTokenRefusal } from "../consent.js";
import { maskKey, queryInput, requireApiKey, sandboxPathInput } from "../inputs.js";
import type { McpContext } from "../mcp-context.js";
import { findOperation } from "../openapi.js";
import { answer, json, runTool } from "../tool-result.js";
import { loadDocument } from "./describe-operation.js";

/** The longest body the tools hand back: a model's context is precious, and the logs keep the rest. */
const MAX_BODY_CHARS = 20_000;

function withQuery(path: string, query: Record<string, string | number | boolean> | undefined): string {
  const entries = Object.entries(query ?? {}).map(([name, value]) => [name, String(value)]);
  return entries.length ? `${path}?${new URLSearchParams(entries)}` : path;
}

/** The sandbox's answer as the model reads it: status, request id, a few headers, the body. */
async function readAnswer(response: Response, method: string, path: string) {
  const text = await response.text();
  let body: unknown =
    text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length - MAX_BODY_CHARS} more characters)` : text;
  try {
    if (text.length <= MAX_BODY_CHARS) body = JSON.parse(text);
  } catch {
    /* not JSON: the text */
  }
  const headers = Object.fromEntries(
    ["content-type", "x-request-id", "location", "retry-after", "ratelimit-remaining", "idempotent-replayed"]
      .map((name) => [name, response.headers.get(name)])
      .filter(([, value]) => value !== null),
  );
  const result = {
    method,
    path,
    status: response.status,
    ok: response.ok,
    request_id: response.headers.get("x-request-id"),
    headers,
    body,
  };
  const next = response.ok ? "" : `\nThe call failed: explain_error with request_id ${result.request_id} says why and what to fix.`;
  return answer(`${method} ${path} → ${response.status}${next}\n${json(body)}`, result);
}

/** `call_sandbox` (GET) and `call_sandbox_write` (POST/PUT/PATCH/DELETE), with the developer's sandbox key. */
export function registerCallSandbox(server: McpServer, context: McpContext): void {
  server.registerTool(
    "call_sandbox",
    {
      title: "Call the sandbox (read)",
      description:
        "Make a read-only GET call to the Open Bank sandbox API through the portal's gateway, with the developer's sandbox key, e.g. path \"/v1/accounts\". Returns the status, the request id and the JSON body. Changes nothing; for POST/PUT/PATCH/DELETE use call_sandbox_write. Use describe_operation first for the parameters.",
      inputSchema: { path: sandboxPathInput, query: queryInput },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ path, query }) =>
      runTool(async () => {
        const apiKey = requireApiKey(context);
        const target = withQuery(path, query);
        const response = await request({ baseUrl: context.baseUrl, apiKey }, "GET", target, { auth: "apiKey", allowError: true });
        return readAnswer(response, "GET", target);
      }),
  );

  server.registerTool(
    "call_sandbox_write",
    {
      title: "Call the sandbox (write)",
      description: `Make a POST, PUT, PATCH or DELETE call to the Open Bank sandbox API with the developer's sandbox key (create a payment, a consent, a customer…). The sandbox holds test data only, but the call really changes it. POSTs get an Idempotency-Key unless you give one. ${CONSENT_NOTE}`,
      inputSchema: {
        method: z
          .enum(["POST", "PUT", "PATCH", "DELETE"], { message: "method must be POST, PUT, PATCH or DELETE (GET is call_sandbox)" })
          .describe("The HTTP method."),
        path: sandboxPathInput,
        query: queryInput,
        body: z.record(z.string(), z.unknown()).optional().describe("The JSON body (an object), as describe_operation shows it."),
        idempotency_key: z
          .string()
          .trim()
          .min(1)
          .max(255)
          .optional()
          .describe("The Idempotency-Key header; default a fresh UUID for POST."),
        confirm: z.boolean().optional().describe("true only after the user agreed to the preview (clients without elicitation)."),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    (input, extra) =>
      runTool(async () => {
        const refused = readTokenRefusal(context);
        if (refused) return refused;
        const apiKey = requireApiKey(context);
        const target = withQuery(input.path, input.query);
        // What the call does, in the reference's words, when the sandbox's document knows it.
        const document = await loadDocument(context, "sandbox").catch(() => null);
        const found = document ? findOperation(document, { method: input.method, path: input.path }) : null;
        const summary = found
          ? ` (${found.operation.operationId ?? ""}: ${found.operation.summary ?? ""})`
          : " (an operation the reference does not list: it may answer 404)";
        const preview = [
          `${input.method} ${target}${summary}`,
          `on the sandbox of the app that key ${maskKey(apiKey)} belongs to,`,
          input.body ? `with the body ${JSON.stringify(input.body)}.` : "with no body.",
        ].join("\n");
        const stop = await obtainConsent(server, { preview, confirm: input.confirm, relatedRequestId: extra.requestId });
        if (stop) return stop;
        const headers: Record<string, string> = {};
        if (input.idempotency_key) headers["idempotency-key"] = input.idempotency_key;
        else if (input.method === "POST") headers["idempotency-key"] = randomUUID();
        const response = await request({ baseUrl: context.baseUrl, apiKey }, input.method, target, {
          auth: "apiKey",
          allowError: true,
          body: input.body,
          headers,
        });
        return readAnswer(response, input.method, target);
      }),
  );
}
