import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv4 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { parse } from "yaml";

/**
 * Conformance: responses of the standards' endpoints validated against the OFFICIAL OpenAPI
 * documents in ../shared/standards (the conformance target, never a copy of ours). Status codes,
 * content types, bodies (JSON Schema draft 4, as the documents are written) and the response
 * headers the documents mark required.
 *
 *   expectConformant({ method: "GET", path: "/open-banking/v4.0/aisp/accounts", status, headers, body });
 *
 * The only change made to the documents is the one the standards' README names: duplicate enum
 * values are removed (OBFrequency6Code lists WEEK twice, which ajv refuses to compile).
 *
 * Every validation is counted per document; with STANDARDS_CONFORMANCE_LOG set, each process
 * appends its counts there (one JSON line per validated response) for the suite's totals.
 */

export const STANDARDS_DIR = process.env.STANDARDS_DIR ?? path.resolve(process.cwd(), "../shared/standards");

type Json = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, Json>>; components: Json };

/** The documents, the prefix they are served under here, and the prefix their paths carry. */
export const STANDARD_DOCUMENTS = [
  { name: "uk-aisp", file: "uk-ob-account-info-4.0.yaml", prefix: "/open-banking/v4.0/aisp", strip: "" },
  { name: "uk-pisp", file: "uk-ob-payment-initiation-4.0.yaml", prefix: "/open-banking/v4.0/pisp", strip: "" },
  { name: "uk-vrp", file: "uk-ob-vrp-4.0.yaml", prefix: "/open-banking/v4.0/pisp", strip: "" },
  { name: "uk-cbpii", file: "uk-ob-confirmation-funds-4.0.yaml", prefix: "/open-banking/v4.0/cbpii", strip: "" },
  { name: "berlin-group", file: "berlin-group-psd2-api-1.3.11.yaml", prefix: "/berlin-group", strip: "" },
] as const;

export type StandardName = (typeof STANDARD_DOCUMENTS)[number]["name"];

/** Whether the official documents are here. Under CI=true their absence fails the suite. */
export function standardsAvailable(): boolean {
  const present = STANDARD_DOCUMENTS.every((doc) => existsSync(path.join(STANDARDS_DIR, doc.file)));
  if (!present) {
    const message = `The official standards' documents are missing from ${STANDARDS_DIR}: conformance cannot be checked.`;
    if (process.env.CI === "true") throw new Error(message);
    console.warn(`\n⚠ ${message} Skipping.\n`);
  }
  return present;
}

const DOCUMENT_ID = "https://standards.invalid/";

/** OpenAPI 3.0 schema objects → JSON Schema draft 4: `nullable`, and duplicate enum values removed. */
function toJsonSchema(value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, id));
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    if (key === "$ref" && typeof child === "string" && child.startsWith("#")) out[key] = id + child;
    else if (key === "enum" && Array.isArray(child)) out[key] = [...new Set(child)];
    else if (key === "example" || key === "examples" || key === "discriminator" || key === "xml") continue;
    else out[key] = toJsonSchema(child, id);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

type Loaded = {
  name: StandardName;
  prefix: string;
  doc: Document;
  id: string;
  templates: { template: string; pattern: RegExp }[];
};

// unicodeRegExp off: the Berlin Group document's cardAcceptorPhone pattern escapes "-" (`\-`), which a `u` regular expression refuses.
const ajv = new Ajv4({ strict: false, allErrors: true, logger: false, unicodeRegExp: false });
addFormats(ajv);
const loaded = new Map<StandardName, Loaded>();
const compiled = new Map<string, ValidateFunction>();

function load(name: StandardName): Loaded {
  const found = loaded.get(name);
  if (found) return found;
  const meta = STANDARD_DOCUMENTS.find((doc) => doc.name === name)!;
  const doc = parse(readFileSync(path.join(STANDARDS_DIR, meta.file), "utf8")) as Document;
  const id = `${DOCUMENT_ID}${name}.json`;
  ajv.addSchema({ id, components: toJsonSchema(doc.components, id) } as Json, id);
  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      // A literal segment beats a parameter: /accounts/{AccountId}/balances before /accounts/{AccountId}.
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`),
      literals: template.split("/").filter((part) => part && !part.startsWith("{")).length,
    }))
    .sort((a, b) => b.literals - a.literals);
  const result = { name, prefix: meta.prefix, doc, id, templates };
  loaded.set(name, result);
  return result;
}

/** Follows a `#/components/...` reference inside the document. */
function resolve(doc: Document, value: Json | undefined): Json | undefined {
  let current = value;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 10; depth++) {
    const pointer = (current.$ref as string).replace(/^#\//, "").split("/");
    current = pointer.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) as Json | undefined;
  }
  return current;
}

export type ConformanceInput = {
  method: string;
  /** The request path as called, with or without its query string: it picks the document and the operation. */
  path: string;
  status: number;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined/"" for none. */
  body: unknown;
  /** Which document, when several share a prefix (UK PIS and VRP both live under /pisp). Found by path otherwise. */
  standard?: StandardName;
};

export type ConformanceResult = { valid: true; operation: string } | { valid: false; errors: string[] };

const headerOf = (headers: ConformanceInput["headers"], name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(value) ? value.join(", ") : value;
};

function findOperation(input: ConformanceInput): { doc: Loaded; template: string; operation: Json } | string {
  const pathname = input.path.split("?")[0];
  const method = input.method.toLowerCase();
  const candidates = STANDARD_DOCUMENTS.filter(
    (meta) => (input.standard ? meta.name === input.standard : true) && pathname.startsWith(`${meta.prefix}/`),
  );
  for (const meta of candidates) {
    const doc = load(meta.name);
    const local = pathname.slice(meta.prefix.length);
    const match = doc.templates.find(({ template, pattern }) => pattern.test(local) && doc.doc.paths[template][method]);
    if (match) return { doc, template: match.template, operation: doc.doc.paths[match.template][method] };
  }
  return `${input.method.toUpperCase()} ${pathname} is not an operation of ${candidates.map((c) => c.file).join(" or ") || "any standard's document"}`;
}

/** Validates one response; never throws for a mismatch (see expectConformant). */
export function validateConformance(input: ConformanceInput): ConformanceResult {
  const found = findOperation(input);
  if (typeof found === "string") return { valid: false, errors: [found] };
  const { doc, template, operation } = found;
  const label = `${input.method.toUpperCase()} ${template} (${doc.name})`;
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  const key = [String(input.status), `${String(input.status)[0]}XX`, "default"].find((candidate) => responses[candidate]);
  if (!key) return { valid: false, errors: [`${label} does not document status ${input.status}`] };
  const response = resolve(doc.doc, responses[key])!;
  const errors: string[] = [];

  for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
    const definition = resolve(doc.doc, header);
    if (definition?.required === true && headerOf(input.headers, name) === undefined) errors.push(`required header ${name} is missing`);
  }

  const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
  const empty = input.body === undefined || input.body === null || input.body === "";
  if (!Object.keys(content).length) {
    if (!empty) errors.push(`status ${input.status} documents no body, but one was sent`);
  } else if (empty) {
    errors.push(`status ${input.status} documents a body (${Object.keys(content).join(", ")}), but none was sent`);
  } else {
    const sent = headerOf(input.headers, "content-type")?.toLowerCase().replace(/\s+/g, "");
    const mediaType =
      Object.keys(content).find((type) => type.toLowerCase().replace(/\s+/g, "") === sent) ??
      Object.keys(content).find((type) => type.split(";")[0] === sent?.split(";")[0]);
    if (!mediaType) errors.push(`content-type ${sent ?? "(none)"} is not documented (documented: ${Object.keys(content).join(", ")})`);
    else if (content[mediaType].schema) {
      const cacheKey = `${doc.name} ${input.method} ${template} ${key} ${mediaType}`;
      let validate = compiled.get(cacheKey);
      if (!validate) {
        validate = ajv.compile(toJsonSchema(content[mediaType].schema, doc.id) as Json);
        compiled.set(cacheKey, validate);
      }
      if (!validate(input.body))
        for (const error of validate.errors ?? [])
          errors.push(`body${error.instancePath} ${error.message ?? "is invalid"} ${JSON.stringify(error.params)}`);
    }
  }
  if (errors.length) return { valid: false, errors: errors.map((error) => `${label} → ${input.status}: ${error}`) };
  record(doc.name, `${input.method.toUpperCase()} ${template}`, input.status);
  return { valid: true, operation: `${input.method.toUpperCase()} ${template}` };
}

/** Throws an Error listing every mismatch with the official document. */
export function expectConformant(input: ConformanceInput): void {
  const result = validateConformance(input);
  if (!result.valid) throw new Error(`Not conformant to the official document:\n  ${result.errors.join("\n  ")}`);
}

/** Operations of a document, as "GET /accounts", for coverage reports. */
export function documentOperations(name: StandardName): string[] {
  const doc = load(name);
  return Object.entries(doc.doc.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((method) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map((method) => `${method.toUpperCase()} ${template}`),
  );
}

function record(standard: StandardName, operation: string, status: number) {
  const file = process.env.STANDARDS_CONFORMANCE_LOG;
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ standard, operation, status })}\n`);
}
