import type { OpenApiDocumentLike } from "./api-areas";

/**
 * Sample values built from JSON Schemas, for parameters and bodies that document no example of
 * their own: the schema's example, default or first enum value, else a value built by type.
 */

export type Schema = {
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

export function resolve<T extends { $ref?: string }>(document: OpenApiDocumentLike, value: T | undefined): T | undefined {
  let current: unknown = value;
  for (let depth = 0; depth < 20 && current && typeof current === "object" && "$ref" in current; depth += 1) {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith("#/")) return undefined;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        document,
      );
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
