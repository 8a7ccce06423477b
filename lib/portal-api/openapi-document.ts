import { z } from "zod";
import { catalog, type BankErrorCode, type PortalErrorCode } from "@openbank/contracts/errors";

type DocumentedCode = PortalErrorCode | BankErrorCode;
import { documentBounds } from "@openbank/contracts/openapi-bounds";
import { acceptsTokens, isMutation, type Operation } from "./define-operation";

type JsonSchema = Record<string, unknown>;

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };
const OAUTH_ERROR_REF = { $ref: "#/components/schemas/OAuthError" };

/** The error object of the RFC surfaces (RFC 6749 §5.2, as RFC 8628 §3.5 extends it). */
const oauthErrorSchema: JsonSchema = {
  type: "object",
  description: "An OAuth 2.0 error (RFC 6749 §5.2). `error` is the code to branch on; `interval` comes with `slow_down` (RFC 8628).",
  required: ["error"],
  properties: {
    error: { type: "string", maxLength: 64, pattern: "^[a-z_]+$" },
    error_description: { type: "string", maxLength: 500 },
    interval: { type: "integer", format: "int32", minimum: 1, maximum: 3600, description: "The new polling interval, in seconds." },
  },
};

/** The problem+json body every failure of the portal API has (packages/contracts/src/problem.ts). */
const problemSchema: JsonSchema = {
  type: "object",
  description: "An RFC 9457 problem. `code` is stable: branch on it, not on `title`.",
  required: ["type", "title", "status", "code", "request_id"],
  properties: {
    type: { type: "string", format: "uri", maxLength: 2048, description: "The error's page in the portal's docs." },
    title: { type: "string", maxLength: 200 },
    status: { type: "integer", format: "int32", minimum: 400, maximum: 599 },
    detail: { type: "string", maxLength: 2000 },
    code: { type: "string", maxLength: 64, pattern: "^[a-z_]+$" },
    request_id: { type: "string", maxLength: 64, description: "Quote it to support; also in the `X-Request-Id` header." },
    errors: {
      type: "array",
      maxItems: 100,
      description: "One entry per invalid field, with a JSON pointer into the request (`/body/name`, `/query/limit`).",
      items: {
        type: "object",
        required: ["pointer", "detail"],
        properties: { pointer: { type: "string", maxLength: 512 }, detail: { type: "string", maxLength: 500 } },
      },
    },
  },
};

/** The problems an operation can answer with: implied by its declaration, plus the ones it names. */
export function operationErrors(operation: Operation): DocumentedCode[] {
  const codes = new Set<DocumentedCode>();
  const { access } = operation;
  // An RFC surface answers its own error objects for a bad request (documented as OAuthError).
  const rfc = Boolean(operation.oauthErrors);
  if (!rfc && (operation.params || operation.query || operation.body)) codes.add("validation_failed");
  if (operation.body && rfc) codes.add("payload_too_large");
  if (operation.body && !rfc) {
    codes.add("malformed_json");
    codes.add("payload_too_large");
    codes.add("unsupported_media_type");
  }
  if (access !== "public") codes.add("unauthenticated");
  if (access !== "public" && !acceptsTokens(operation)) codes.add("token_not_allowed");
  // Any token may call an operation declared `tokenScope: "read"`, whatever its method.
  if (access !== "public" && acceptsTokens(operation) && operation.tokenScope !== "read") codes.add("insufficient_scope");
  if (isMutation(operation)) codes.add("forbidden"); // cross-site
  if (typeof access === "object") {
    codes.add("forbidden");
    codes.add("resource_not_found");
    codes.add("two_factor_required"); // the team's "members must use two-factor" policy
  }
  if (access === "platform-admin") codes.add("not_found");
  if (operation.verifiedEmail) codes.add("email_unverified");
  if (operation.stepUp) codes.add("step_up_required");
  for (const code of operation.errors ?? []) codes.add(code);
  codes.add("internal_error");
  return [...codes];
}

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input");
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function responses(operation: Operation): Record<string, JsonSchema> {
  const answers: Record<string, JsonSchema> = {};
  const { status, description, schema, stream } = operation.success;
  answers[String(status)] = {
    description,
    ...(stream
      ? // Server-Sent Events, sent as they happen: OpenAPI 3.1 has no SSE framing of its own, so the
        // schema is what one event's `data` holds (the description says which events carry it).
        { content: { [stream]: { schema: schema ? toJsonSchema(schema, "output") : { type: "string", enum: [""] } } } }
      : schema
        ? { content: { "application/json": { schema: toJsonSchema(schema, "output") } } }
        : {}),
  };
  if (operation.oauthErrors) {
    answers["400"] = {
      description: `An RFC 6749 §5.2 error object: ${operation.oauthErrors.map((code) => `\`${code}\``).join(", ")}.`,
      content: { "application/json": { schema: OAUTH_ERROR_REF } },
    };
  }
  const byStatus = new Map<number, DocumentedCode[]>();
  for (const code of operationErrors(operation)) {
    const { status: problemStatus } = catalog[code];
    byStatus.set(problemStatus, [...(byStatus.get(problemStatus) ?? []), code]);
  }
  for (const [problemStatus, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    answers[String(problemStatus)] = {
      description: codes.map((code) => `\`${code}\`: ${catalog[code].title}.`).join(" "),
      content: { "application/problem+json": { schema: PROBLEM_REF } },
    };
  }
  return answers;
}

/** Who may call it: the session cookie, and a personal access token where the operation accepts one. */
function security(operation: Operation): JsonSchema[] {
  if (operation.access === "public") return [];
  if (operation.access === "platform-admin") return [{ platformAdminSession: [] }];
  if (!acceptsTokens(operation)) return [{ session: [] }];
  return [{ session: [] }, { personalAccessToken: [] }];
}

/** JSON; a form first on an RFC surface (JSON accepted there too). */
function requestBody(operation: Operation, body: z.ZodType): JsonSchema {
  const schema = toJsonSchema(body, "input");
  const content: JsonSchema = operation.oauthErrors
    ? { "application/x-www-form-urlencoded": { schema }, "application/json": { schema } }
    : { "application/json": { schema } };
  return { required: true, content };
}

function toPathItem(operation: Operation): JsonSchema {
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: security(operation),
    // Said in words too, for readers of the rendered reference.
    ...(operation.access === "public" ? {} : { "x-access-tokens": acceptsTokens(operation) }),
    parameters: [...parameters(operation.params, "path"), ...parameters(operation.query, "query")],
    ...(operation.body ? { requestBody: requestBody(operation, operation.body) } : {}),
    responses: responses(operation),
  };
}

/**
 * The OpenAPI 3.1 document of the portal's own API (`/api/*`), generated from the operations'
 * declarations: the zod schemas that validate each request are the ones published. Served at
 * `/api/openapi.json`; `npm run openapi:portal` prints it; the typed client is generated from it.
 */
export function buildPortalOpenApiDocument(operations: readonly Operation[], options: { portalUrl: string }) {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = toPathItem(operation);
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name }));
  return documentBounds({
    openapi: "3.1.0" as const,
    info: {
      title: "Open Bank developer portal API",
      version: "1.0.0",
      description:
        "The portal's own API: apps, keys, teams, webhooks and go-live, as the dashboard calls it. It is authenticated by the " +
        "portal's session cookie and refuses cross-site mutations (send `Origin` with the portal's origin), or, where an " +
        "operation says so, by a personal access token (`Authorization: Bearer pat_…`) for the CLI and CI. Errors are RFC 9457 " +
        "problem+json with a stable `code`. For the sandbox bank's API, see `/openapi.json`.",
      license: { name: "MIT", identifier: "MIT" },
      contact: { name: "Open Bank developer support", url: `${options.portalUrl}/docs` },
    },
    // Public (OWASP API9 asks servers to say so): the portal every developer signs in to.
    servers: [{ url: options.portalUrl, description: "Sandbox portal", "x-internal": false }],
    tags,
    paths,
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The portal's session cookie, set by signing in (`__Secure-next-auth.session-token` over https).",
        },
        personalAccessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "pat_…",
          description:
            "A personal access token (`Authorization: Bearer pat_…`), created in the account page, for the CLI and CI. A `read` " +
            "token calls GET operations only (403 `insufficient_scope` otherwise); a token limited to one team sees other teams' " +
            "apps and teams as missing (404). Operations without this scheme answer a token with 403 `token_not_allowed`. An " +
            'unknown, expired or revoked token: 401 `unauthenticated` with `WWW-Authenticate: Bearer error="invalid_token"`. ' +
            "Requests with a token are not subject to the cross-site (`Origin`) check.",
        },
        platformAdminSession: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The session cookie of a platform admin. Any other session gets the 404 `not_found` of an unknown route.",
        },
      },
      schemas: { Problem: problemSchema, OAuthError: oauthErrorSchema },
    },
  });
}
