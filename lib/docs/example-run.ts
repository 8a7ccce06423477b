import { listApiAreas, type HttpMethod, type OpenApiDocumentLike, type OpenApiOperationObject } from "./api-areas";
import { exampleFromSchema, resolve, type Schema } from "./schema-sample";

/**
 * Every operation's documented request example, planned as one run through a fresh sandbox: what
 * the Postman collection sends (in this order), and what the example tests send.
 *
 * The bank declares it in the document (mock-bank/src/schemas/example-run.ts): examples name the
 * sandbox's objects by example ids; an operation's `x-example-run` says where its answer holds the
 * real id (`captures`), which body dates lie ahead of the sandbox's clock (`dates`), and whether it
 * must run `last` (the reset), or cannot run in a fresh sandbox at all (`manual`, with the reason:
 * the step is planned and documented, but the run does not send it). Here the example ids become
 * `{{variable}}` placeholders, Postman's syntax, and the steps are ordered so every variable is
 * captured before it is used.
 */

export type ExampleCapture = { variable: string; example: string; from: string; where?: Record<string, unknown>; field?: string };
export type ExampleDate = { pointer: string; daysAhead: number };
type ExampleRunSpec = { captures?: ExampleCapture[]; dates?: ExampleDate[]; last?: boolean; manual?: string };

export type StepParameter = { name: string; value: string; description?: string; enabled: boolean };

export type ExampleStep = {
  operationId: string;
  tag: string;
  name: string;
  description?: string;
  method: Uppercase<HttpMethod>;
  /** The path template, e.g. `/v1/accounts/{account_id}`. */
  path: string;
  pathParams: StepParameter[];
  query: StepParameter[];
  /** Header parameters; an `Idempotency-Key` is `{{$guid}}`, a fresh value per send. */
  headers: StepParameter[];
  /** The JSON body, with placeholders in its strings; undefined when the operation takes none. */
  body?: unknown;
  /** The documented success status. */
  success: number;
  captures: ExampleCapture[];
  /** Body dates computed when the step runs: `{{variable}}` = the sandbox's today + daysAhead. */
  dates: (ExampleDate & { variable: string })[];
  /** Variables the step sends (path, enabled query and header values, body) or reads its captures with. */
  uses: string[];
  /** How the step authenticates: the collection's API key, a consent token, or not at all. */
  auth: "api_key" | "consent_token" | "none";
  last: boolean;
  /** Why the example cannot succeed in a fresh sandbox: the run does not send it (the developer does, with real ids). */
  manual?: string;
};

export type ExampleFolder = { tag: string; description?: string; steps: ExampleStep[] };
export type ExamplePlan = { folders: ExampleFolder[]; variables: { name: string; example: string }[] };

type Parameter = {
  $ref?: string;
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
};
type MediaType = { schema?: Schema; example?: unknown; examples?: Record<string, { $ref?: string; value?: unknown }> };

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/** Reads a JSON pointer (`/offers/0/id`) in a value; undefined when a step is missing. */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === "") return value;
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
}

/** The value a capture takes from an answer's body, or undefined when the answer has none. `where` may name captured values. */
export function evaluateCapture(capture: ExampleCapture, body: unknown, variables: Record<string, string> = {}): unknown {
  const at = readPointer(body, capture.from);
  if (!capture.where) return capture.field ? readPointer(at, capture.field) : at;
  if (!Array.isArray(at)) return undefined;
  const where = fillPlaceholders(capture.where, variables);
  const item = at.find((candidate) =>
    Object.entries(where).every(([key, expected]) => (candidate as Record<string, unknown> | null)?.[key] === expected),
  );
  return item === undefined ? undefined : readPointer(item, capture.field ?? "");
}

/** `YYYY-MM-DD`, `days` after the day of `now` (UTC). */
export function daysAfter(now: Date, days: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

/** Replaces each `{{name}}` in the strings of a value; unknown names are left as they are. */
export function fillPlaceholders<T>(value: T, variables: Record<string, string>): T {
  if (typeof value === "string") return value.replace(PLACEHOLDER, (whole, name: string) => variables[name] ?? whole) as T;
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, variables)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, fillPlaceholders(child, variables)])) as T;
  return value;
}

/** Each example id, wherever it is a whole string value, becomes its `{{variable}}`. */
function withPlaceholders(value: unknown, byExample: Map<string, string>): unknown {
  if (typeof value === "string") return byExample.has(value) ? `{{${byExample.get(value)}}}` : value;
  if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, byExample));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withPlaceholders(child, byExample)]));
  return value;
}

function setPointer(value: unknown, pointer: string, replacement: unknown): void {
  const parts = pointer.split("/").slice(1);
  const parent = readPointer(
    value,
    parts
      .slice(0, -1)
      .map((part) => `/${part}`)
      .join(""),
  );
  if (parent && typeof parent === "object") (parent as Record<string, unknown>)[parts.at(-1)!] = replacement;
}

const placeholdersIn = (value: unknown): string[] =>
  [...JSON.stringify(value ?? null).matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !name.startsWith("$"));

function parameterExample(parameter: Parameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = parameter.examples && Object.values(parameter.examples)[0];
  if (first?.value !== undefined) return first.value;
  return undefined;
}

const asText = (value: unknown) => (value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));

/** The request body example: the media type's, else the (referenced) schema's, else one built from the schema. */
function bodyExample(document: OpenApiDocumentLike, media: MediaType): unknown {
  if (media.example !== undefined) return media.example;
  const named = media.examples && Object.values(media.examples)[0];
  const value = resolve(document, named)?.value;
  if (value !== undefined) return value;
  const schema = resolve(document, media.schema);
  if (schema?.examples?.length) return schema.examples[0];
  return exampleFromSchema(document, media.schema) ?? {};
}

function stepFor(
  document: OpenApiDocumentLike,
  tag: string,
  method: HttpMethod,
  path: string,
  byExample: Map<string, string>,
): ExampleStep {
  const pathItem = document.paths![path] as Record<string, unknown>;
  const operation = pathItem[method] as OpenApiOperationObject & { "x-example-run"?: ExampleRunSpec };
  const run = operation["x-example-run"] ?? {};
  const parameters = [
    ...((pathItem.parameters as Parameter[] | undefined) ?? []),
    ...((operation.parameters as Parameter[] | undefined) ?? []),
  ]
    .map((parameter) => resolve(document, parameter))
    .filter((parameter): parameter is Parameter => Boolean(parameter));
  const describe = (parameter: Parameter) => (parameter.description ? { description: parameter.description } : {});
  const placeholder = (value: unknown) => asText(withPlaceholders(value, byExample));

  const pathParams = parameters
    .filter((parameter) => parameter.in === "path")
    .map((parameter) => ({ name: parameter.name, value: placeholder(parameterExample(parameter)), ...describe(parameter), enabled: true }));
  // A query parameter with an example is part of the example; the others are offered, switched off.
  const query = parameters
    .filter((parameter) => parameter.in === "query")
    .map((parameter) => {
      const example = parameterExample(parameter);
      return {
        name: parameter.name,
        value: placeholder(example ?? exampleFromSchema(document, parameter.schema)),
        ...describe(parameter),
        enabled: example !== undefined || Boolean(parameter.required),
      };
    });
  const headers = parameters
    .filter((parameter) => parameter.in === "header")
    .map((parameter) => {
      const idempotency = parameter.name.toLowerCase() === "idempotency-key";
      const example = idempotency ? "{{$guid}}" : placeholder(parameterExample(parameter) ?? exampleFromSchema(document, parameter.schema));
      return { name: parameter.name, value: example, ...describe(parameter), enabled: Boolean(parameter.required) };
    });

  const requestBody = resolve(document, operation.requestBody as { $ref?: string; content?: Record<string, MediaType> } | undefined);
  const media = requestBody?.content?.["application/json"];
  let body: unknown;
  const dates = (run.dates ?? []).map((date) => ({ ...date, variable: date.pointer.split("/").pop()! }));
  if (media) {
    body = withPlaceholders(structuredClone(bodyExample(document, media)), byExample);
    for (const date of dates) setPointer(body, date.pointer, `{{${date.variable}}}`);
  }

  const success = Number(Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)) ?? 200);
  const security = operation.security ?? document.security ?? [];
  const auth = security.length === 0 ? "none" : security.some((requirement) => "api_key" in requirement) ? "api_key" : "consent_token";
  const sent = [...pathParams, ...query.filter((q) => q.enabled), ...headers.filter((h) => h.enabled)].map((parameter) => parameter.value);
  const dateVariables = new Set(dates.map((date) => date.variable));

  return {
    operationId: operation.operationId ?? `${method}_${path}`,
    tag,
    name: operation.summary ?? `${method.toUpperCase()} ${path}`,
    ...(operation.description ? { description: operation.description } : {}),
    method: method.toUpperCase() as Uppercase<HttpMethod>,
    path,
    pathParams,
    query,
    headers,
    ...(media ? { body } : {}),
    success,
    captures: run.captures ?? [],
    dates,
    uses: [...new Set(placeholdersIn([sent, body, (run.captures ?? []).map((capture) => capture.where ?? {})]))].filter(
      (name) => !dateVariables.has(name),
    ),
    auth,
    last: run.last === true,
    ...(run.manual ? { manual: run.manual } : {}),
  };
}

/**
 * Orders steps so each runs after the steps that capture what it uses: in their given order where
 * that already holds, `last` steps at the end. A use nothing captures is left for the tests to report.
 */
function orderSteps(steps: ExampleStep[], captured: Set<string>): ExampleStep[] {
  const pending = steps.filter((step) => !step.last);
  const ordered: ExampleStep[] = [];
  while (pending.length) {
    const index = pending.findIndex((step) => step.uses.every((name) => captured.has(name)));
    const [next] = pending.splice(index === -1 ? 0 : index, 1);
    ordered.push(next);
    for (const capture of next.captures) captured.add(capture.variable);
  }
  return [...ordered, ...steps.filter((step) => step.last)];
}

/**
 * A DELETE ends its resource, so it runs after every other operation on its path (the document
 * lists a path's methods in HTTP order, where DELETE comes before PATCH).
 */
function deletesAfterTheirPath(steps: ExampleStep[]): ExampleStep[] {
  const ordered = [...steps];
  for (const step of steps) {
    if (step.method !== "DELETE") continue;
    const from = ordered.indexOf(step);
    let lastSibling = -1;
    ordered.forEach((other, index) => {
      if (other !== step && other.path === step.path) lastSibling = index;
    });
    if (lastSibling > from) {
      ordered.splice(from, 1);
      ordered.splice(lastSibling, 0, step);
    }
  }
  return ordered;
}

export function planExampleRun(document: OpenApiDocumentLike): ExamplePlan {
  const variables = new Map<string, string>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      for (const capture of (operation as { "x-example-run"?: ExampleRunSpec } | null)?.["x-example-run"]?.captures ?? [])
        variables.set(capture.example, capture.variable);
    }
  }
  const areas = listApiAreas(document).map((area) => ({
    tag: area.tag,
    description: area.description || undefined,
    steps: deletesAfterTheirPath(
      area.operations.map((operation) => stepFor(document, area.tag, operation.method, operation.path, variables)),
    ),
  }));
  // The area holding a `last` step (the reset) runs after all the others.
  const folders = [
    ...areas.filter((area) => !area.steps.some((step) => step.last)),
    ...areas.filter((area) => area.steps.some((step) => step.last)),
  ];
  const captured = new Set<string>();
  return {
    folders: folders.map((folder) => ({
      tag: folder.tag,
      ...(folder.description ? { description: folder.description } : {}),
      steps: orderSteps(folder.steps, captured),
    })),
    variables: [...variables].map(([example, name]) => ({ name, example })),
  };
}

/**
 * Moves the example dates the bank declares (`x-example-run.dates`) to `today` + their days ahead, in
 * place: the document is generated once, and an example trip that started in the past would be a
 * 400 in the API reference's Try-it-out. The reference dates from real time; the collection and the
 * example test date from the sandbox's clock when they run.
 */
export function redateExamples(document: OpenApiDocumentLike, today: Date): OpenApiDocumentLike {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item) as (OpenApiOperationObject & { "x-example-run"?: ExampleRunSpec })[]) {
      const dates = operation?.["x-example-run"]?.dates;
      const media = (operation?.requestBody as { content?: Record<string, MediaType> } | undefined)?.content?.["application/json"];
      if (!dates?.length || !media) continue;
      const examples = [
        media.example,
        ...Object.values(media.examples ?? {}).map((example) => example.value),
        ...(media.schema?.examples ?? []),
      ].filter((example) => example && typeof example === "object");
      for (const example of examples) for (const date of dates) setPointer(example, date.pointer, daysAfter(today, date.daysAhead));
    }
  }
  return document;
}

/** The steps in the order they are planned, the manual ones included. */
export const stepsOf = (plan: ExamplePlan) => plan.folders.flatMap((folder) => folder.steps);

/** The steps a run sends, in order: all but the manual ones. */
export const runStepsOf = (plan: ExamplePlan) => stepsOf(plan).filter((step) => !step.manual);
