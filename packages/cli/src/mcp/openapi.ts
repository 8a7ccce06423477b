/**
 * Reading the sandbox's and the portal's OpenAPI documents for `describe_operation` and the write
 * tool's preview: find an operation, resolve its `$ref`s, and build an example from a schema when
 * the document gives none. Pure functions over the documents.
 */

type Json = Record<string, unknown>;
export type OpenApiDocument = { paths?: Record<string, Record<string, unknown>>; components?: Json; servers?: { url: string }[] };
export type FoundOperation = { method: string; path: string; operation: Json };

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

/** `#/components/schemas/Account` → the object it names (refs to other documents are left alone). */
export function resolveRef(document: OpenApiDocument, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 10 && current && typeof current === "object" && typeof (current as Json).$ref === "string"; hops++) {
    const ref = (current as Json).$ref as string;
    if (!ref.startsWith("#/")) return current;
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), document);
  }
  return current;
}

/** A template path matches a concrete one segment by segment (`{account_id}` matches any segment). */
export function pathMatches(template: string, path: string): boolean {
  const a = template.split("/");
  const b = path.split("?")[0].split("/");
  return a.length === b.length && a.every((segment, index) => /^\{[^}]+\}$/.test(segment) || segment === b[index]);
}

/** The operation by id (exact, else case-insensitive), or by method and path (template or concrete). */
export function findOperation(
  document: OpenApiDocument,
  by: { operationId?: string; method?: string; path?: string },
): FoundOperation | null {
  const all: FoundOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method] as Json | undefined;
      if (operation) all.push({ method: method.toUpperCase(), path, operation });
    }
  }
  if (by.operationId) {
    const id = by.operationId;
    return (
      all.find((found) => found.operation.operationId === id) ??
      all.find((found) => String(found.operation.operationId ?? "").toLowerCase() === id.toLowerCase()) ??
      null
    );
  }
  if (!by.method || !by.path) return null;
  const method = by.method.toUpperCase();
  const sameMethod = all.filter((found) => found.method === method);
  return sameMethod.find((found) => found.path === by.path) ?? sameMethod.find((found) => pathMatches(found.path, by.path!)) ?? null;
}

/** Levenshtein distance, for "did you mean" (ids are short). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** Operation ids close to a wrong one (a typo, or a part of the id), closest first, to suggest. */
export function similarOperationIds(document: OpenApiDocument, wanted: string, limit = 5): string[] {
  const target = wanted.toLowerCase();
  const scored: [string, number][] = [];
  for (const item of Object.values(document.paths ?? {}))
    for (const method of METHODS) {
      const id = (item?.[method] as Json | undefined)?.operationId;
      if (typeof id !== "string") continue;
      const score = id.toLowerCase().includes(target) ? 0 : distance(id.toLowerCase(), target);
      if (score <= Math.max(2, Math.floor(target.length / 4))) scored.push([id, score]);
    }
  return scored
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit)
    .map(([id]) => id);
}

/** An example value for a schema: its own example, else one built from its type (depth-limited). */
export function sampleFromSchema(document: OpenApiDocument, schema: unknown, depth = 0): unknown {
  const node = resolveRef(document, schema) as Json | undefined;
  if (!node || typeof node !== "object" || depth > 6) return null;
  if ("example" in node) return node.example;
  if (Array.isArray(node.examples) && node.examples.length) return node.examples[0];
  if ("const" in node) return node.const;
  if ("default" in node) return node.default;
  if (Array.isArray(node.enum) && node.enum.length) return node.enum[0];
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = node[key];
    if (Array.isArray(options) && options.length) {
      const first = options.find((option) => (resolveRef(document, option) as Json | undefined)?.type !== "null") ?? options[0];
      return sampleFromSchema(document, first, depth + 1);
    }
  }
  if (Array.isArray(node.allOf)) {
    return Object.assign(
      {},
      ...node.allOf.map((part) => sampleFromSchema(document, part, depth + 1)).filter((part) => part && typeof part === "object"),
    );
  }
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") : node.type;
  if (type === "object" || node.properties) {
    const result: Json = {};
    for (const [name, property] of Object.entries((node.properties ?? {}) as Json))
      result[name] = sampleFromSchema(document, property, depth + 1);
    return result;
  }
  if (type === "array") return node.items ? [sampleFromSchema(document, node.items, depth + 1)] : [];
  if (type === "integer" || type === "number") return typeof node.minimum === "number" ? node.minimum : 0;
  if (type === "boolean") return true;
  if (type === "string") {
    const formats: Record<string, string> = {
      "date-time": "2026-01-01T09:00:00Z",
      date: "2026-01-01",
      uri: "https://example.com",
      email: "dev@example.com",
      uuid: "00000000-0000-4000-8000-000000000000",
    };
    return formats[String(node.format)] ?? "string";
  }
  return null;
}

/** A schema with its `$ref`s resolved a few levels down, for the model to read. */
export function inlineSchema(document: OpenApiDocument, schema: unknown, depth = 0): unknown {
  const node = resolveRef(document, schema);
  if (depth > 5 || !node || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((item) => inlineSchema(document, item, depth + 1));
  return Object.fromEntries(Object.entries(node as Json).map(([key, value]) => [key, inlineSchema(document, value, depth + 1)]));
}

/** The first JSON example of a content map (`application/json` or `…+json`): its example, examples, or one from its schema. */
function contentExample(document: OpenApiDocument, content: unknown): { mediaType: string; example: unknown } | null {
  const entries = Object.entries((content ?? {}) as Record<string, Json>);
  const [mediaType, media] = entries.find(([type]) => /json/.test(type)) ?? entries[0] ?? [];
  if (!mediaType || !media) return null;
  if ("example" in media) return { mediaType, example: media.example };
  const examples = Object.values((media.examples ?? {}) as Record<string, Json>);
  if (examples.length) return { mediaType, example: (resolveRef(document, examples[0]) as Json).value };
  return { mediaType, example: sampleFromSchema(document, media.schema) };
}

export type OperationDescription = {
  api: string;
  operation_id: string | null;
  method: string;
  path: string;
  summary: string | null;
  description: string | null;
  parameters: { name: string; in: string; required: boolean; description: string | null; schema: unknown }[];
  request_body: { required: boolean; media_type: string; schema: unknown; example: unknown } | null;
  example_request: string;
  example_response: { status: string; media_type: string; example: unknown } | null;
  responses: { status: string; description: string | null }[];
  docs_url: string | null;
};

/** What a model needs to call an operation: parameters, body schema, an example request and response. */
export function describeOperation(
  document: OpenApiDocument,
  found: FoundOperation,
  options: { api: string; baseUrl: string; credential: string; docsUrl?: string | null },
): OperationDescription {
  const { operation } = found;
  const server = document.servers?.[0]?.url ? new URL(document.servers[0].url, options.baseUrl).pathname.replace(/\/$/, "") : "";
  const path = found.path.startsWith(server) ? found.path : `${server}${found.path}`;
  const parameters = [...((document.paths?.[found.path]?.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]
    .map((parameter) => resolveRef(document, parameter) as Json)
    .map((parameter) => ({
      name: String(parameter.name),
      in: String(parameter.in),
      required: Boolean(parameter.required),
      description: (parameter.description as string) ?? null,
      schema: inlineSchema(document, parameter.schema),
    }));
  const body = resolveRef(document, operation.requestBody) as Json | undefined;
  const bodyExample = body ? contentExample(document, body.content) : null;
  const request_body =
    body && bodyExample
      ? {
          required: Boolean(body.required),
          media_type: bodyExample.mediaType,
          schema: inlineSchema(document, (body.content as Record<string, Json>)[bodyExample.mediaType].schema),
          example: bodyExample.example,
        }
      : null;
  const responses = Object.entries((operation.responses ?? {}) as Record<string, unknown>).map(([status, response]) => ({
    status,
    description: ((resolveRef(document, response) as Json | undefined)?.description as string) ?? null,
  }));
  const success = responses.find((response) => /^2/.test(response.status));
  const successExample = success
    ? contentExample(document, (resolveRef(document, operation.responses && (operation.responses as Json)[success.status]) as Json).content)
    : null;

  // The example request: path parameters as their examples, a JSON body, the credential named.
  const concretePath = path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const parameter = parameters.find((p) => p.in === "path" && p.name === name);
    const example = parameter ? sampleFromSchema(document, parameter.schema) : null;
    return example && example !== "string" ? String(example) : whole;
  });
  const lines = [`curl -X ${found.method} '${options.baseUrl}${concretePath}'`, `  -H 'Authorization: Bearer ${options.credential}'`];
  if (request_body) {
    lines.push(`  -H 'Content-Type: ${request_body.media_type}'`);
    lines.push(`  -d '${JSON.stringify(request_body.example)}'`);
  }
  return {
    api: options.api,
    operation_id: (operation.operationId as string) ?? null,
    method: found.method,
    path,
    summary: (operation.summary as string) ?? null,
    description: (operation.description as string) ?? null,
    parameters,
    request_body,
    example_request: lines.join(" \\\n"),
    example_response:
      success && successExample ? { status: success.status, media_type: successExample.mediaType, example: successExample.example } : null,
    responses,
    docs_url: options.docsUrl ?? null,
  };
}
