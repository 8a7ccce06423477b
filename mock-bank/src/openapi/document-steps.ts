import { SCENARIO_HEADER_MAX_LENGTH, scenarioCatalog } from "../domain/sandbox/sandbox-scenario";

/**
 * Steps every generated OpenAPI document takes after @fastify/swagger has assembled it from the
 * routes (the sandbox API's /openapi.json and each standard's document).
 */

export type LooseDocument = {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
} & Record<string, unknown>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ $ref?: string; name?: string; in?: string } & Record<string, unknown>>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; headers?: Record<string, unknown> } & Record<string, unknown>>;
} & Record<string, unknown>;

/** Every operation of the document with its path and method. */
export function eachOperation(document: LooseDocument): Array<{ path: string; method: string; operation: Operation }> {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as Operation })),
  );
}

/** zod emits every registered schema twice (input and output), of every surface; keep only what the paths use. */
export function pruneUnusedComponents<T>(document: T): T {
  const doc = document as LooseDocument;
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (value: unknown) => {
    for (const match of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(match[1])) continue;
      used.add(match[1]);
      visit(schemas[match[1]]);
    }
  };
  visit(doc.paths);
  const kept = Object.fromEntries(
    Object.entries(schemas)
      .filter(([name]) => used.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { ...doc, components: { ...doc.components, schemas: kept } } as unknown as T;
}

/**
 * What the gateway (lib/gateway/pipeline.ts) adds to /v1 answers. It counts the quota after checking
 * the credential, so its own 401 (an invalid key or token) and its 403 (`app_suspended`, a read-only
 * key's `insufficient_scope`) come without the quota headers; every later answer, the bank's 401 and
 * 403 for consent tokens included, carries them. Header objects are optional unless `required`.
 */
export const gatewayHeaders = {
  "X-Request-Id": {
    description: "This request's id (`req_…`), also in every error body. Quote it to support.",
    schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{1,128}$" },
  },
  RateLimit: {
    description:
      "Requests remaining for this key and seconds until the quota is full again, e.g. `\"sandbox\";r=97;t=1` (IETF RateLimit header fields). On a 429 (a real one or `Sandbox-Scenario: rate_limited`) `r` is 0 and `t` is the seconds until the next call is accepted, the same as `Retry-After`. On every answer once the credential is accepted; not on the gateway's own 401 (invalid key or token) and 403 (`app_suspended`, a read-only key's `insufficient_scope`), which are refused before the quota is counted.",
    schema: { type: "string", maxLength: 200, pattern: '^"[A-Za-z0-9_-]+";r=\\d+;t=\\d+$' },
  },
  "RateLimit-Policy": {
    description: 'The key\'s quota and window in seconds, e.g. `"sandbox";q=100;w=10`. Sent with `RateLimit`.',
    schema: { type: "string", maxLength: 200, pattern: '^"[A-Za-z0-9_-]+";q=\\d+;w=\\d+$' },
  },
  "Retry-After": {
    description:
      "Seconds to wait before retrying: the time until the quota admits the next call (equal to `t` of `RateLimit`), at most the quota's window (`w` of `RateLimit-Policy`).",
    required: true,
    schema: { type: "integer", format: "int32", minimum: 1, maximum: 86_400 },
  },
};

export const sandboxScenarioParameter = {
  name: "Sandbox-Scenario",
  in: "header",
  required: false,
  description: [
    "Makes this call slow or fail on purpose, to test your app's error handling. A comma-separated list, e.g. `latency=2000` or `latency=1500, bank_unavailable`; at most one failure. An unknown value is a 400 `validation_failed` pointing at `/headers/sandbox-scenario`. A simulated failure changes nothing.",
    "",
    ...scenarioCatalog.map((info) => `- \`${info.value}\`: ${info.effect}`),
  ].join("\n"),
  // Every value the parser accepts is in this alphabet (domain/sandbox/sandbox-scenario.ts).
  schema: {
    type: "string",
    maxLength: SCENARIO_HEADER_MAX_LENGTH,
    pattern: "^[a-z0-9_=, \\t]*$",
    examples: ["latency=2000", "bank_unavailable", "latency=500, insufficient_funds"],
  },
};
