import { patternMaxLength } from "./pattern-max-length";

/**
 * Bounds the document states that follow from the ones zod enforces, so clients (and linters)
 * read them without parsing regular expressions or guessing integer widths:
 * - a string with an anchored, bounded `pattern` and no `maxLength` gets the pattern's longest
 *   match as `maxLength` (`^[A-Z]{3}$` → 3);
 * - an integer gets `format: int32` when its `minimum` and `maximum` fit 32 bits, else `int64`.
 * Example values are data, not schemas, and are left alone.
 */

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const DATA_KEYS = new Set(["example", "examples", "enum", "const", "x-example-run"]);

type Node = Record<string, unknown>;

const hasType = (node: Node, type: string) => node.type === type || (Array.isArray(node.type) && node.type.includes(type));

function bound(node: Node) {
  if (hasType(node, "string") && typeof node.pattern === "string" && node.maxLength === undefined) {
    const longest = patternMaxLength(node.pattern);
    if (longest !== undefined) node.maxLength = longest;
  }
  if (hasType(node, "integer") && node.format === undefined && typeof node.minimum === "number" && typeof node.maximum === "number") {
    node.format = node.minimum >= INT32_MIN && node.maximum <= INT32_MAX ? "int32" : "int64";
  }
}

function walk(value: unknown) {
  if (Array.isArray(value)) {
    for (const item of value) walk(item);
    return;
  }
  if (!value || typeof value !== "object") return;
  const node = value as Node;
  bound(node);
  for (const [key, child] of Object.entries(node)) {
    // `default` is data in a schema, but the catch-all response in `responses`.
    if (DATA_KEYS.has(key) || (key === "default" && "type" in node)) continue;
    walk(child);
  }
}

/** Adds the derived bounds in place (the document is freshly generated, never shared). */
export function documentBounds<T extends object>(document: T): T {
  walk((document as Node).paths);
  walk((document as Node).components);
  return document;
}
