import fc from "fast-check";

/**
 * fast-check arbitraries from the JSON Schema (2020-12 subset) the OpenAPI document uses:
 * $ref, type (with "null"), enum, const, anyOf / oneOf, object (properties, required,
 * additionalProperties), string (minLength, maxLength, pattern, format date / date-time /
 * email / uri), integer / number (minimum, maximum, integer multipleOf), boolean, array (items, minItems, maxItems).
 * Optional properties are sometimes left out. What the document does not say is not invented:
 * an unknown keyword fails loudly so the fuzzer never silently tests less than it claims.
 */
type Schema = Record<string, unknown>;
type Document = { components?: { schemas?: Record<string, Schema> } };

const KNOWN = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "anyOf",
  "oneOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "propertyNames",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "multipleOf",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "default",
  "description",
  "examples",
  "example",
  "title",
  "deprecated",
  "readOnly",
]);

export function resolveRef(document: Document, schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === "string") {
    const name = decodeURIComponent(current.$ref.replace("#/components/schemas/", ""));
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A pattern's lookahead and lookbehind groups removed (without nested groups inside them, as the documents write them). */
function withoutLookarounds(pattern: string): string {
  return pattern.replace(/\(\?<?[=!](?:\\.|[^()\\])*\)/g, "");
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? Math.max(minLength, 40);
  // The pattern is the stricter statement when both are given (zod emits both).
  if (typeof schema.pattern === "string") {
    const pattern = new RegExp(schema.pattern);
    // fast-check cannot generate from lookarounds: generate from the pattern without them, keep what the whole pattern accepts.
    const generating = /\(\?<?[=!]/.test(schema.pattern) ? new RegExp(withoutLookarounds(schema.pattern)) : pattern;
    return fc.stringMatching(generating).filter((s) => s.length >= minLength && s.length <= maxLength && pattern.test(s));
  }
  switch (schema.format) {
    case "date":
      return fc
        .date({ min: new Date("1930-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "email":
      return fc.emailAddress().filter((e) => e.length >= minLength && e.length <= maxLength);
    case "uri":
      return fc.webUrl().filter((u) => u.length >= minLength && u.length <= maxLength);
  }
  return fc.string({ minLength, maxLength, unit: "grapheme" }).filter((s) => s.length >= minLength && s.length <= maxLength);
}

export function schemaArbitrary(document: Document, input: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveRef(document, input);
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schemaArbitrary: unsupported keyword ${key}`);
  if (depth > 16) throw new Error("schemaArbitrary: schema too deep");
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((alt) => schemaArbitrary(document, alt, depth + 1)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => schemaArbitrary(document, { ...schema, type }, depth + 1)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      if (typeof schema.multipleOf === "number") {
        const step = schema.multipleOf;
        return fc
          .integer({
            min: Math.ceil(((schema.minimum as number | undefined) ?? -1_000_000) / step),
            max: Math.floor(((schema.maximum as number | undefined) ?? 1_000_000) / step),
          })
          .map((n) => n * step);
      }
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1_000_000,
        max: (schema.maximum as number | undefined) ?? 1_000_000,
      });
    case "number":
      return fc.double({
        min: (schema.minimum as number | undefined) ?? -1e6,
        max: (schema.maximum as number | undefined) ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "string":
      return stringArbitrary(schema);
    case "array": {
      const items = (schema.items as Schema | undefined) ?? {};
      return fc.array(schemaArbitrary(document, items, depth + 1), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 4, 6),
      });
    }
    case "object":
    case undefined: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (types[0] === undefined && Object.keys(properties).length === 0) return fc.jsonValue();
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, child]) => [name, schemaArbitrary(document, child, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) });
    }
    default:
      throw new Error(`schemaArbitrary: unsupported type ${String(types[0])}`);
  }
}

/** The required property names of an object schema (after $ref), for the "missing required" mutation. */
export function requiredOf(document: Document, schema: Schema): string[] {
  return ((resolveRef(document, schema).required as string[] | undefined) ?? []).slice();
}
