import type { OpenApiDocumentLike } from "./api-areas";
import { planExampleRun, type ExampleCapture, type ExampleStep } from "./example-run";

/**
 * A Postman collection (v2.1) generated from the OpenAPI document that runs as downloaded: a folder
 * per area, every operation's documented example as its request, in the order planned by
 * example-run.ts. The base URL and the sandbox key are collection variables (only the key is left
 * to fill in), bearer auth comes from `{{sandboxKey}}`, every `Idempotency-Key` is a fresh
 * `{{$guid}}`. Each request's test checks its documented status and captures the ids the later
 * requests use into collection variables; dates that must lie ahead of the sandbox's clock are
 * computed from it before the request is sent; the reset comes last. A manual step (an example a
 * fresh sandbox cannot answer) is held with its reason and skipped until given a real id.
 */

export const POSTMAN_SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

type KeyValue = { key: string; value: string; description?: string; disabled?: boolean; type?: "string" };
type Script = { listen: "prerequest" | "test"; script: { type: "text/javascript"; exec: string[] } };

export type PostmanRequestItem = {
  name: string;
  event?: Script[];
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

const STATUS_TEXT: Record<number, string> = { 200: "200 OK", 201: "201 Created", 202: "202 Accepted", 204: "204 No Content" };

/** The test script: the documented status, then each capture into its collection variable. */
function testScript(step: ExampleStep): string[] {
  const lines = [
    `pm.test("answers ${STATUS_TEXT[step.success] ?? step.success}", function () {`,
    `  pm.response.to.have.status(${step.success});`,
    "});",
  ];
  if (!step.captures.length) return lines;
  const captures = step.captures.map(({ variable, from, where, field }: ExampleCapture) => ({
    variable,
    from,
    ...(where ? { where } : {}),
    ...(field ? { field } : {}),
  }));
  return [
    ...lines,
    "// Ids the later requests use: a JSON pointer into the answer, or the first item of a list that matches `where` (which may name captured ids).",
    'const read = (value, pointer) => pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), value);',
    "const body = pm.response.code < 300 ? pm.response.json() : {};",
    `for (const capture of ${JSON.stringify(captures)}) {`,
    "  const at = read(body, capture.from);",
    "  const where = capture.where && JSON.parse(pm.variables.replaceIn(JSON.stringify(capture.where)));",
    "  const item = where ? (Array.isArray(at) ? at.find((candidate) => Object.keys(where).every((key) => candidate && candidate[key] === where[key])) : undefined) : at;",
    "  const value = item === undefined || !capture.field ? item : read(item, capture.field);",
    '  pm.test("captures {{" + capture.variable + "}}", function () {',
    '    pm.expect(value, capture.variable).to.be.a("string");',
    "  });",
    '  if (typeof value === "string") pm.collectionVariables.set(capture.variable, value);',
    "}",
  ];
}

/**
 * The pre-request script of a manual step (one whose example cannot succeed in a fresh sandbox):
 * skipped while a path variable still holds its documented example, sent once the developer has put
 * a real id there. A manual step with no path variables (the import, whose body is a whole file) is
 * skipped while its body is still the documented example.
 */
export function manualScript(step: Pick<ExampleStep, "pathParams" | "body">): string[] {
  if (!step.pathParams.length) {
    return [
      "// Needs a body a fresh sandbox cannot make up (see the request's description): skipped until you replace the example body.",
      `const example = ${JSON.stringify(JSON.stringify(step.body ?? null))};`,
      "let sent = null;",
      "try { sent = JSON.stringify(JSON.parse(pm.request.body.raw)); } catch (error) { sent = null; }",
      "if (sent === example) {",
      '  console.log(pm.info.requestName + ": not sent; replace its example body (see its description).");',
      "  pm.execution.skipRequest();",
      "}",
    ];
  }
  const examples = Object.fromEntries(step.pathParams.map((parameter) => [parameter.name, parameter.value]));
  return [
    "// Needs an id a fresh sandbox does not have (see the request's description): skipped until you put a real one in its path.",
    `const examples = ${JSON.stringify(examples)};`,
    "if (Object.keys(examples).some((name) => pm.request.url.variables.get(name) === examples[name])) {",
    '  console.log(pm.info.requestName + ": not sent; put a real id in its path variables (see its description).");',
    "  pm.execution.skipRequest();",
    "}",
  ];
}

/** The pre-request script of a step with dates: asks the sandbox's clock (it may run ahead of real time). */
export function datesScript(step: { dates: { variable: string; daysAhead: number }[] }): string[] {
  return [
    "// Dates that must lie ahead of the sandbox's today, computed from its clock.",
    'pm.sendRequest({ url: pm.variables.replaceIn("{{baseUrl}}/v1/sandbox/clock"), method: "GET", header: { Authorization: "Bearer " + pm.variables.get("sandboxKey") } }, function (error, response) {',
    "  const now = !error && response.code === 200 ? new Date(response.json().now) : new Date();",
    "  const daysAfter = (days) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);",
    ...step.dates.map((date) => `  pm.variables.set(${JSON.stringify(date.variable)}, daysAfter(${date.daysAhead}));`),
    "});",
  ];
}

function itemFor(step: ExampleStep): PostmanRequestItem {
  const describe = (parameter: { description?: string }) => (parameter.description ? { description: parameter.description } : {});
  const segments = step.path
    .replace(/^\//, "")
    .split("/")
    .map((segment) => segment.replace(/^\{(.+)\}$/, ":$1"));
  const query = step.query.map((parameter) => ({
    key: parameter.name,
    value: parameter.value,
    ...describe(parameter),
    disabled: !parameter.enabled,
  }));
  const variable = step.pathParams.map((parameter) => ({ key: parameter.name, value: parameter.value, ...describe(parameter) }));
  const header: KeyValue[] = step.headers.map((parameter) => ({
    key: parameter.name,
    value: parameter.value,
    ...describe(parameter),
    ...(parameter.enabled ? {} : { disabled: true }),
  }));
  if (step.body !== undefined) header.unshift({ key: "Content-Type", value: "application/json" });

  const enabledQuery = query.filter((parameter) => !parameter.disabled);
  const raw = `{{baseUrl}}/${segments.join("/")}${enabledQuery.length ? `?${enabledQuery.map((parameter) => `${parameter.key}=${parameter.value}`).join("&")}` : ""}`;
  // Operations a key cannot call (consent-only) use the customer's consent token instead.
  const auth: PostmanRequestItem["request"]["auth"] =
    step.auth === "none"
      ? { type: "noauth" }
      : step.auth === "consent_token"
        ? { type: "bearer", bearer: [{ key: "token", value: "{{consentToken}}", type: "string" }] }
        : undefined;
  const event: Script[] = [
    ...(step.dates.length || step.manual
      ? [
          {
            listen: "prerequest" as const,
            script: {
              type: "text/javascript" as const,
              exec: [...(step.manual ? manualScript(step) : []), ...(step.dates.length ? datesScript(step) : [])],
            },
          },
        ]
      : []),
    { listen: "test", script: { type: "text/javascript", exec: testScript(step) } },
  ];
  const description = step.manual
    ? `**Not sent by a collection run**: ${step.manual}${step.description ? `\n\n${step.description}` : ""}`
    : step.description;

  return {
    name: step.name,
    event,
    request: {
      method: step.method,
      ...(description ? { description } : {}),
      ...(auth ? { auth } : {}),
      header,
      url: { raw, host: ["{{baseUrl}}"], path: segments, ...(query.length ? { query } : {}), ...(variable.length ? { variable } : {}) },
      ...(step.body !== undefined
        ? { body: { mode: "raw", raw: JSON.stringify(step.body, null, 2), options: { raw: { language: "json" } } } }
        : {}),
    },
  };
}

const RUN_NOTE = [
  "",
  "**Run it as it is**: set `sandboxKey` in the collection's variables, then run the whole collection (Collection Runner, or `newman run`). Each request sends its documented example and tests the documented status; the ids it creates or lists are captured into collection variables (`customerId`, `accountId`, …) that later requests use. A request whose description begins “Not sent by a collection run” needs an object this collection cannot make: it is skipped until you put a real id in its path. The last request resets your sandbox, so the collection can run again.",
].join("\n");

export function buildPostmanCollection(document: OpenApiDocumentLike, options: { baseUrl: string }): PostmanCollection {
  const plan = planExampleRun(document);
  const folders: PostmanFolder[] = plan.folders.map((folder) => ({
    name: folder.tag,
    ...(folder.description ? { description: folder.description } : {}),
    item: folder.steps.map(itemFor),
  }));
  const capturedBy = new Map(
    plan.folders.flatMap((folder) =>
      folder.steps.flatMap((step) => step.captures.map((capture) => [capture.variable, step.name] as const)),
    ),
  );
  const variables = (
    [
      {
        key: "baseUrl",
        value: options.baseUrl.replace(/\/+$/, ""),
        type: "string",
        description: "The portal's origin: every call goes through its gateway.",
      },
      {
        key: "sandboxKey",
        value: "",
        type: "string",
        description: "Your app's sandbox key (sk_sandbox_…). Set it in the collection's variables; never commit it.",
      },
      {
        key: "consentToken",
        value: "",
        type: "string",
        description:
          "A customer's consent access token (from /oauth/token, or oat_… from POST /v1/sandbox/consents), for customer-data calls made with a consent.",
      },
      ...plan.variables
        .filter((variable) => variable.name !== "consentToken")
        .map((variable): KeyValue => ({ key: variable.name, value: "", type: "string" })),
    ] as KeyValue[]
  ).map((variable): KeyValue =>
    capturedBy.has(variable.key)
      ? {
          ...variable,
          description: `${variable.description ?? ""} Captured by "${capturedBy.get(variable.key)}" when the collection runs.`.trim(),
        }
      : variable,
  );
  return {
    info: {
      name: document.info?.title ?? "Sandbox API",
      description: `${document.info?.description ?? ""}\n${RUN_NOTE}`.trim(),
      ...(document.info?.version ? { version: document.info.version } : {}),
      schema: POSTMAN_SCHEMA,
    },
    auth: { type: "bearer", bearer: [{ key: "token", value: "{{sandboxKey}}", type: "string" }] },
    variable: variables,
    item: folders,
  };
}

/** How many operations the collection holds (one request per operation). */
export const countRequests = (collection: PostmanCollection) => collection.item.reduce((total, folder) => total + folder.item.length, 0);
