import { listApiAreas, type OpenApiDocumentLike, type OpenApiOperationObject } from "./api-areas";

/**
 * A Postman collection (v2.1) generated from the OpenAPI document: a folder per area (tag), the
 * base URL and the sandbox key as collection variables, bearer auth from `{{sandboxKey}}`, a fresh
 * `{{$guid}}` for every `Idempotency-Key`, and example bodies built from the request schemas.
 */

export const POSTMAN_SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
};
type Parameter = { $ref?: string; name: string; in: "query" | "header" | "path" | "cookie"; required?: boolean; description?: string; schema?: Schema; example?: unknown };
type KeyValue = { key: string; value: string; description?: string; disabled?: boolean; type?: "string" };

export type PostmanRequestItem = {
  name: string;
  request: {
    method: string;
    description?: string;
    auth?: { type: "bearer"; bearer: KeyValue[] } | { type: "noauth" };
    header: KeyValue[];
    url: { raw: string; host: string[]; path: string[]; query?: KeyValue[]; variable?: KeyValue[] };
    body?: { mode: "raw"; raw: string; options: { raw: { language: "json" } } };
  };
};
export type PostmanFolder = { name: string; description?: string; item: PostmanRequestItem[] };
export type PostmanCollection = {
  info: { name: string; description?: string; schema: string; version?: string };
  auth: { type: "bearer"; bearer: KeyValue[] };
  variable: KeyValue[];
  item: PostmanFolder[];
};

function resolve<T extends { $ref?: string }>(document: OpenApiDocumentLike, value: T | undefined): T | undefined {
  let current: unknown = value;
  for (let depth = 0; depth < 20 && current && typeof current === "object" && "$ref" in current; depth += 1) {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith("#/")) return undefined;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  }
  return current as T | undefined;
}

const KNOWN_PATTERNS: Record<string, string> = { "^[A-Z]{2}$": "GB", "^[A-Z]{3}$": "GBP" };

/**
 * The shortest string a simple pattern accepts: the first alternative of each group, the first
 * character of each class, each quantifier's minimum (at least one). Enough for the id, amount,
 * sort-code and IBAN patterns of the API; anything else falls back to "string".
 */
export function sampleFromPattern(pattern: string): string | undefined {
  if (KNOWN_PATTERNS[pattern]) return KNOWN_PATTERNS[pattern];
  let index = 0;
  const atom = (): string | null => {
    const char = pattern[index];
    if (char === "\\") {
      const escaped = pattern[index + 1];
      index += 2;
      return escaped === "d" ? "1" : escaped === "w" ? "a" : escaped === "s" ? " " : escaped;
    }
    if (char === "[") {
      const end = pattern.indexOf("]", index + 1);
      const body = pattern.slice(index + 1, end);
      index = end + 1;
      if (body.startsWith("^")) throw new Error("negated class");
      if (body.startsWith("\\d")) return "1";
      if (body.startsWith("\\x")) return String.fromCharCode(parseInt(body.slice(2, 4), 16));
      return body[0] === "\\" ? body[1] : body[0];
    }
    if (char === "(") {
      index += pattern.startsWith("(?:", index) ? 3 : 1;
      const alternatives: string[] = [""];
      while (index < pattern.length && pattern[index] !== ")") {
        if (pattern[index] === "|") {
          alternatives.push("");
          index += 1;
        } else alternatives[alternatives.length - 1] += sequenceItem();
      }
      index += 1;
      return alternatives[0];
    }
    if (char === "^" || char === "$") {
      index += 1;
      return "";
    }
    index += 1;
    return char;
  };
  const sequenceItem = (): string => {
    const value = atom() ?? "";
    const quantifier = /^(\{(\d+)(,\d*)?\}|[+*?])/.exec(pattern.slice(index));
    if (!quantifier) return value;
    index += quantifier[0].length;
    const times = quantifier[2] !== undefined ? Number(quantifier[2]) : quantifier[0] === "+" ? 1 : 0;
    return value.repeat(times);
  };
  try {
    let result = "";
    while (index < pattern.length) {
      if (pattern[index] === "|") break;
      result += sequenceItem();
    }
    return new RegExp(pattern).test(result) ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Pads (with its last character) or cuts a sample to the schema's length bounds, if the pattern still accepts it. */
function fitLength(sample: string, schema: Schema): string {
  let fitted = sample;
  if (schema.minLength && fitted.length < schema.minLength) fitted = fitted.padEnd(schema.minLength, fitted.at(-1) ?? "a");
  if (schema.maxLength && fitted.length > schema.maxLength) fitted = fitted.slice(0, schema.maxLength);
  return !schema.pattern || new RegExp(schema.pattern).test(fitted) ? fitted : sample;
}

function exampleForString(schema: Schema): string {
  const fromPattern = !schema.format && schema.pattern ? sampleFromPattern(schema.pattern) : undefined;
  if (fromPattern !== undefined) return fitLength(fromPattern, schema);
  if (!schema.format) return fitLength("string", schema);
  switch (schema.format) {
    case "date":
      return "2026-01-31";
    case "date-time":
      return "2026-01-31T09:30:00Z";
    case "email":
      return "ada@example.com";
    case "uri":
    case "url":
      return "https://example.com/webhooks";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    default:
      return "string";
  }
}

/** A plausible value for a schema: its example, default or first enum value, else built by type. */
export function exampleFromSchema(document: OpenApiDocumentLike, input: Schema | undefined, depth = 0): unknown {
  const schema = resolve(document, input);
  if (!schema || depth > 8) return undefined;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (variant) return exampleFromSchema(document, variant, depth + 1);
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleFromSchema(document, part, depth + 1) ?? {}));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== "null") : schema.type;
  if (type === "object" || (!type && schema.properties)) {
    const body: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const value = exampleFromSchema(document, property, depth + 1);
      if (value !== undefined) body[name] = value;
    }
    return body;
  }
  if (type === "array") {
    const item = exampleFromSchema(document, schema.items, depth + 1);
    return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
  }
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  if (type === "string") return exampleForString(schema);
  return undefined;
}

function parameterValue(document: OpenApiDocumentLike, parameter: Parameter): string {
  if (parameter.in === "header" && parameter.name.toLowerCase() === "idempotency-key") return "{{$guid}}";
  const value = parameter.example ?? exampleFromSchema(document, parameter.schema);
  return value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
}

function requestFor(document: OpenApiDocumentLike, method: string, path: string, pathItem: Record<string, unknown>, operation: OpenApiOperationObject): PostmanRequestItem {
  const parameters = [...((pathItem.parameters as Parameter[] | undefined) ?? []), ...((operation.parameters as Parameter[] | undefined) ?? [])]
    .map((parameter) => resolve(document, parameter))
    .filter((parameter): parameter is Parameter => Boolean(parameter));
  const describe = (parameter: Parameter) => ({ ...(parameter.description ? { description: parameter.description } : {}) });

  const segments = path.replace(/^\//, "").split("/").map((segment) => segment.replace(/^\{(.+)\}$/, ":$1"));
  const query = parameters
    .filter((parameter) => parameter.in === "query")
    .map((parameter) => ({ key: parameter.name, value: parameterValue(document, parameter), ...describe(parameter), disabled: !parameter.required }));
  const variable = parameters
    .filter((parameter) => parameter.in === "path")
    .map((parameter) => ({ key: parameter.name, value: "", ...describe(parameter) }));
  const header: KeyValue[] = parameters
    .filter((parameter) => parameter.in === "header")
    .map((parameter) => ({ key: parameter.name, value: parameterValue(document, parameter), ...describe(parameter), ...(parameter.required ? {} : { disabled: true }) }));

  const content = (resolve(document, operation.requestBody as { $ref?: string; content?: Record<string, { schema?: Schema }> }) as
    | { content?: Record<string, { schema?: Schema }> }
    | undefined)?.content;
  const json = content?.["application/json"];
  let body: PostmanRequestItem["request"]["body"];
  if (json) {
    header.unshift({ key: "Content-Type", value: "application/json" });
    body = { mode: "raw", raw: JSON.stringify(exampleFromSchema(document, json.schema) ?? {}, null, 2), options: { raw: { language: "json" } } };
  }

  const enabledQuery = query.filter((parameter) => !parameter.disabled);
  const raw = `{{baseUrl}}/${segments.join("/")}${enabledQuery.length ? `?${enabledQuery.map((parameter) => `${parameter.key}=${parameter.value}`).join("&")}` : ""}`;

  // Operations a key cannot call (consent-only) use the customer's consent token instead.
  const security = operation.security ?? document.security ?? [];
  const byKey = security.length === 0 || security.some((requirement) => "api_key" in requirement);
  const auth: PostmanRequestItem["request"]["auth"] =
    security.length === 0 ? { type: "noauth" } : byKey ? undefined : { type: "bearer", bearer: [{ key: "token", value: "{{consentToken}}", type: "string" }] };

  return {
    name: operation.summary ?? `${method.toUpperCase()} ${path}`,
    request: {
      method: method.toUpperCase(),
      ...(operation.description ? { description: operation.description } : {}),
      ...(auth ? { auth } : {}),
      header,
      url: { raw, host: ["{{baseUrl}}"], path: segments, ...(query.length ? { query } : {}), ...(variable.length ? { variable } : {}) },
      ...(body ? { body } : {}),
    },
  };
}

export function buildPostmanCollection(document: OpenApiDocumentLike, options: { baseUrl: string }): PostmanCollection {
  const folders: PostmanFolder[] = listApiAreas(document).map((area) => ({
    name: area.tag,
    ...(area.description ? { description: area.description } : {}),
    item: area.operations.map((operation) => {
      const pathItem = document.paths![operation.path];
      return requestFor(document, operation.method, operation.path, pathItem, pathItem[operation.method] as OpenApiOperationObject);
    }),
  }));
  return {
    info: {
      name: document.info?.title ?? "Sandbox API",
      ...(document.info?.description ? { description: document.info.description } : {}),
      ...(document.info?.version ? { version: document.info.version } : {}),
      schema: POSTMAN_SCHEMA,
    },
    auth: { type: "bearer", bearer: [{ key: "token", value: "{{sandboxKey}}", type: "string" }] },
    variable: [
      { key: "baseUrl", value: options.baseUrl.replace(/\/+$/, ""), type: "string", description: "The portal's origin: every call goes through its gateway." },
      { key: "sandboxKey", value: "", type: "string", description: "Your app's sandbox key (sk_sandbox_…). Set it in the collection's variables; never commit it." },
      { key: "consentToken", value: "", type: "string", description: "A customer's consent access token (oat_…), for customer-data calls made with a consent." },
    ],
    item: folders,
  };
}

/** How many operations the collection holds (one request per operation). */
export const countRequests = (collection: PostmanCollection) => collection.item.reduce((total, folder) => total + folder.item.length, 0);

