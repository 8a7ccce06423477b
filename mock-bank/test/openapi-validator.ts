import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * Validates HTTP responses against an OpenAPI 3.1 document with ajv (JSON Schema 2020-12).
 * Independent of Fastify and of any test runner: the mock bank's tests and the portal's
 * integration tests both use it.
 *
 *   const contract = createOpenApiValidator(document);
 *   contract.assertResponse({ method: "get", path: "/v1/accounts/{account_id}", status, contentType, body });
 */

export type ResponseToValidate = {
  method: string;
  /** The path template as written in the document, e.g. `/v1/accounts/{account_id}`. */
  path: string;
  status: number;
  /** The response's content-type header; parameters such as charset are ignored. */
  contentType?: string | null;
  /** The parsed JSON body (undefined for an empty body). */
  body: unknown;
};

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

type Json = Record<string, unknown>;
type OpenApiDocument = { openapi?: string; paths?: Record<string, Record<string, Json>>; components?: Json };

const DOCUMENT_ID = "https://openapi.invalid/document.json";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Local `#/…` refs point into the whole document once it is registered under DOCUMENT_ID. */
function absolutizeRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolutizeRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) =>
      key === "$ref" && typeof child === "string" && child.startsWith("#") ? [key, DOCUMENT_ID + child] : [key, absolutizeRefs(child)],
    ),
  );
}

export function createOpenApiValidator(document: object) {
  const doc = document as OpenApiDocument;
  if (!doc.openapi?.startsWith("3.1")) throw new Error(`expected an OpenAPI 3.1 document, got ${doc.openapi ?? "none"}`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: absolutizeRefs(doc.components ?? {}) } as Json);

  const compiled = new Map<string, ValidateFunction>();
  const seen = new Set<string>();

  function responseFor(method: string, path: string, status: number): { key: string; response: Json } | string {
    const operation = doc.paths?.[path]?.[method];
    if (!operation) return `${method.toUpperCase()} ${path} is not in the document`;
    const responses = (operation.responses ?? {}) as Record<string, Json>;
    for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, "default"]) {
      if (responses[key]) return { key, response: responses[key] };
    }
    return `${method.toUpperCase()} ${path} does not document status ${status}`;
  }

  function validateResponse(input: ResponseToValidate): ValidationResult {
    const method = input.method.toLowerCase();
    const found = responseFor(method, input.path, input.status);
    if (typeof found === "string") return { valid: false, errors: [found] };
    seen.add(`${method} ${input.path}`);

    const content = found.response.content as Record<string, { schema?: unknown }> | undefined;
    if (!content || Object.keys(content).length === 0) {
      const empty = input.body === undefined || input.body === null || input.body === "";
      return empty ? { valid: true } : { valid: false, errors: [`status ${input.status} documents no body, but one was sent`] };
    }
    const mediaTypes = Object.keys(content);
    const sent = input.contentType?.split(";")[0].trim().toLowerCase();
    const mediaType = sent
      ? (mediaTypes.find((type) => type === sent) ?? (content["*/*"] ? "*/*" : undefined))
      : mediaTypes.length === 1
        ? mediaTypes[0]
        : undefined;
    if (!mediaType) {
      return {
        valid: false,
        errors: [`content-type ${sent ?? "(none)"} is not documented for status ${input.status} (documented: ${mediaTypes.join(", ")})`],
      };
    }
    const schema = content[mediaType].schema;
    if (!schema) return { valid: true };

    const cacheKey = `${method} ${input.path} ${found.key} ${mediaType}`;
    let validate = compiled.get(cacheKey);
    if (!validate) {
      validate = ajv.compile(absolutizeRefs(schema) as Json);
      compiled.set(cacheKey, validate);
    }
    if (validate(input.body)) return { valid: true };
    return {
      valid: false,
      errors: (validate.errors ?? []).map(
        (error) => `body${error.instancePath} ${error.message ?? "is invalid"} ${JSON.stringify(error.params)}`,
      ),
    };
  }

  /** Validates a value against a named component schema, e.g. "Problem". */
  function validateComponent(name: string, value: unknown): ValidationResult {
    let validate = compiled.get(`component ${name}`);
    if (!validate) {
      if (!(doc.components?.schemas as Json | undefined)?.[name]) return { valid: false, errors: [`no component schema ${name}`] };
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/${encodeURIComponent(name)}` });
      compiled.set(`component ${name}`, validate);
    }
    if (validate(value)) return { valid: true };
    return {
      valid: false,
      errors: (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`),
    };
  }

  return {
    validateResponse,
    validateComponent,
    /** Throws an Error listing every mismatch. */
    assertResponse(input: ResponseToValidate): void {
      const result = validateResponse(input);
      if (!result.valid) {
        throw new Error(
          `${input.method.toUpperCase()} ${input.path} → ${input.status} does not match the OpenAPI document:\n  ${result.errors.join("\n  ")}`,
        );
      }
    },
    /** Every documented operation, as "get /v1/accounts". */
    operations(): string[] {
      return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m} ${path}`),
      );
    },
    /** Documented operations no validated response has exercised yet. */
    unexercised(): string[] {
      return this.operations().filter((operation) => !seen.has(operation));
    },
  };
}

export type OpenApiValidator = ReturnType<typeof createOpenApiValidator>;
