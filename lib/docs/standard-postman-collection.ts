import type { SandboxReference } from "@openbank/contracts/sandbox-reference";
import { FRESH_UUID_HEADERS } from "@openbank/contracts/fresh-values";
import { HTTP_METHODS, type OpenApiDocumentLike, type OpenApiOperationObject } from "./api-areas";
import { datesScript, POSTMAN_SCHEMA } from "./postman-collection";
import { exampleFromSchema, resolve, type Schema } from "./schema-sample";
import { standardFlows, type Flow, type FlowAuth, type FlowStep } from "./standard-flows";
import type { StandardReference } from "./standard-references";

/**
 * A standard's Postman collection (v2.1), built as the sandbox API's is: each request from the
 * operation in the generated document (its path under the document's server, its headers with
 * their examples, its body example), in the order and with the credentials of the standard's
 * flow (standard-flows.ts), each tested for its documented status and capturing what the next
 * requests use. Operations the document does not hold are left out and named in their folder.
 */

type KeyValue = { key: string; value: string; description?: string; disabled?: boolean; type?: "string" };
type Script = { listen: "prerequest" | "test"; script: { type: "text/javascript"; exec: string[] } };
type Auth = { type: "bearer"; bearer: KeyValue[] } | { type: "basic"; basic: KeyValue[] } | { type: "noauth" };
type Body = { mode: "raw"; raw: string; options: { raw: { language: "json" } } } | { mode: "urlencoded"; urlencoded: KeyValue[] };

export type StandardPostmanItem = {
  name: string;
  event: Script[];
  request: {
    method: string;
    description?: string;
    auth?: Auth;
    header: KeyValue[];
    url: { raw: string; host: string[]; path: string[]; query?: KeyValue[] };
    body?: Body;
  };
};
export type StandardPostmanFolder = { name: string; description: string; item: StandardPostmanItem[] };
export type StandardPostmanCollection = {
  info: { name: string; description: string; schema: string; version?: string };
  auth: Auth;
  variable: KeyValue[];
  item: StandardPostmanFolder[];
};

type Parameter = {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
};
type Located = { method: string; path: string; operation: OpenApiOperationObject; document: OpenApiDocumentLike; serverPath: string };

const STATUS_TEXT: Record<number, string> = { 200: "200 OK", 201: "201 Created", 202: "202 Accepted", 204: "204 No Content" };

/** The path the document's first server adds on the portal's origin (`/open-banking/v4.0`), "" for none. */
function serverPath(document: OpenApiDocumentLike): string {
  const url = document.servers?.[0]?.url;
  return url ? new URL(url, "http://portal.invalid").pathname.replace(/\/$/, "") : "";
}

function findByOperationId(document: OpenApiDocumentLike, operationId: string): Located | undefined {
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenApiOperationObject | undefined;
      if (operation?.operationId === operationId) return { method, path, operation, document, serverPath: serverPath(document) };
    }
  return undefined;
}

function findByPath(document: OpenApiDocumentLike, method: string, path: string): Located | undefined {
  const operation = document.paths?.[path]?.[method.toLowerCase()] as OpenApiOperationObject | undefined;
  return operation ? { method: method.toLowerCase(), path, operation, document, serverPath: serverPath(document) } : undefined;
}

const text = (value: unknown) => (value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value));

function parameterExample(document: OpenApiDocumentLike, parameter: Parameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = parameter.examples && Object.values(parameter.examples)[0];
  if (first?.value !== undefined) return first.value;
  return exampleFromSchema(document, parameter.schema);
}

function authOf(auth: FlowAuth | undefined): Auth | undefined {
  switch (auth?.kind) {
    case undefined:
    case "key":
      return undefined; // the collection's: {{sandboxKey}}
    case "none":
      return { type: "noauth" };
    case "client":
      return {
        type: "basic",
        basic: [
          { key: "username", value: "{{clientId}}", type: "string" },
          { key: "password", value: "{{clientSecret}}", type: "string" },
        ],
      };
    case "bearer":
      return { type: "bearer", bearer: [{ key: "token", value: `{{${auth.variable}}}`, type: "string" }] };
  }
}

function testScript(step: FlowStep, status: number): string[] {
  const lines = [`pm.test("answers ${STATUS_TEXT[status] ?? status}", function () {`, `  pm.response.to.have.status(${status});`, "});"];
  if (step.captures?.length || step.checks?.length)
    lines.push(
      'const read = (value, pointer) => pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), value);',
      "const body = pm.response.code < 300 && pm.response.text() ? pm.response.json() : {};",
    );
  for (const capture of step.captures ?? []) {
    lines.push(
      `pm.test("captures {{${capture.variable}}}", function () {`,
      `  const value = read(body, ${JSON.stringify(capture.from)});`,
      `  pm.expect(value, ${JSON.stringify(capture.variable)}).to.be.a("string");`,
      `  pm.collectionVariables.set(${JSON.stringify(capture.variable)}, value);`,
      "});",
    );
  }
  for (const check of step.checks ?? []) {
    const expectation =
      check.oneOf !== undefined
        ? `pm.expect(read(body, ${JSON.stringify(check.pointer)})).to.be.oneOf(${JSON.stringify(check.oneOf)});`
        : `pm.expect(read(body, ${JSON.stringify(check.pointer)})).to.eql(${JSON.stringify(check.equals)});`;
    lines.push(
      `pm.test(${JSON.stringify(`${check.pointer} is ${check.oneOf ? check.oneOf.join(" or ") : String(check.equals)}`)}, function () {`,
      `  ${expectation}`,
      "});",
    );
  }
  return [...lines, ...(step.test ?? [])];
}

function events(step: FlowStep, status: number): Script[] {
  const prerequest = [...(step.dates?.length ? datesScript({ dates: step.dates }) : []), ...(step.prerequest ?? [])];
  return [
    ...(prerequest.length ? [{ listen: "prerequest" as const, script: { type: "text/javascript" as const, exec: prerequest } }] : []),
    { listen: "test", script: { type: "text/javascript", exec: testScript(step, status) } },
  ];
}

function url(fullPath: string, query: KeyValue[]): StandardPostmanItem["request"]["url"] {
  const enabled = query.filter((parameter) => !parameter.disabled);
  return {
    raw: `{{baseUrl}}${fullPath}${enabled.length ? `?${enabled.map((parameter) => `${parameter.key}=${parameter.value}`).join("&")}` : ""}`,
    host: ["{{baseUrl}}"],
    path: fullPath.replace(/^\//, "").split("/"),
    ...(query.length ? { query } : {}),
  };
}

/** A request of the document's operation, as the flow's step sends it. */
function operationItem(step: FlowStep, located: Located): StandardPostmanItem {
  const { document, operation } = located;
  const parameters = [
    ...((document.paths![located.path].parameters as Parameter[] | undefined) ?? []),
    ...((operation.parameters as Parameter[] | undefined) ?? []),
  ]
    .map((parameter) => resolve(document, parameter))
    .filter((parameter): parameter is Parameter => Boolean(parameter));
  const describe = (parameter: Parameter) => (parameter.description ? { description: parameter.description } : {});

  // The flow names path parameters as the official document does (`account-id`); a route may spell them its way (`accountId`).
  const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const params = new Map(Object.entries(step.params ?? {}).map(([name, value]) => [loose(name), value]));
  const path = located.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const parameter = parameters.find((candidate) => candidate.in === "path" && candidate.name === name);
    return params.get(loose(name)) ?? text(parameter && parameterExample(document, parameter));
  });
  const query: KeyValue[] = parameters
    .filter((parameter) => parameter.in === "query")
    .map((parameter) => {
      const given = step.query?.[parameter.name];
      return {
        key: parameter.name,
        value: given ?? text(parameterExample(document, parameter)),
        ...describe(parameter),
        ...(given !== undefined || parameter.required ? {} : { disabled: true }),
      };
    });
  const given = new Map(Object.entries(step.headers ?? {}).map(([name, value]) => [name.toLowerCase(), { name, value }]));
  const header: KeyValue[] = parameters
    .filter((parameter) => parameter.in === "header" && parameter.name.toLowerCase() !== "authorization")
    .map((parameter) => {
      const name = parameter.name.toLowerCase();
      const override = given.get(name);
      given.delete(name);
      // A header each call needs a new value of gets Postman's own fresh UUID.
      const fresh = FRESH_UUID_HEADERS.includes(name);
      const value = override?.value ?? (fresh ? "{{$guid}}" : text(parameterExample(document, parameter)));
      const enabled = Boolean(override) || fresh || Boolean(parameter.required);
      return { key: parameter.name, value, ...describe(parameter), ...(enabled ? {} : { disabled: true }) };
    });
  // Headers the flow sends that the document does not name (the route reads them loosely).
  for (const { name, value } of given.values()) header.push({ key: name, value });

  const requestBody = resolve(
    document,
    operation.requestBody as { $ref?: string; content?: Record<string, { schema?: Schema; example?: unknown }> },
  );
  const media = requestBody?.content && (requestBody.content["application/json"] ?? Object.values(requestBody.content)[0]);
  const body = step.body !== undefined ? step.body : media ? (media.example ?? exampleFromSchema(document, media.schema)) : undefined;
  if (body !== undefined) header.unshift({ key: "Content-Type", value: "application/json" });

  const status = step.expect ?? Number(Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code)) ?? 200);
  const auth = authOf(step.auth);
  return {
    name: step.name ?? operation.summary ?? operation.operationId ?? `${located.method.toUpperCase()} ${located.path}`,
    event: events(step, status),
    request: {
      method: located.method.toUpperCase(),
      ...(step.description || operation.description ? { description: step.description ?? operation.description } : {}),
      ...(auth ? { auth } : {}),
      header,
      url: url(`${located.serverPath}${path}`, query),
      ...(body !== undefined ? { body: { mode: "raw", raw: JSON.stringify(body, null, 2), options: { raw: { language: "json" } } } } : {}),
    },
  };
}

/** A request to the authorization server (token, PAR): a form, the app's client credentials. */
function oauthItem(step: Extract<FlowStep, { oauth: unknown }>): StandardPostmanItem {
  const auth = authOf(step.auth);
  return {
    name: step.name,
    event: events(step, step.expect),
    request: {
      method: step.oauth.method,
      ...(step.description ? { description: step.description } : {}),
      ...(auth ? { auth } : {}),
      header: [{ key: "Content-Type", value: "application/x-www-form-urlencoded" }],
      url: url(step.oauth.path, []),
      body: { mode: "urlencoded", urlencoded: Object.entries(step.oauth.form).map(([key, value]) => ({ key, value })) },
    },
  };
}

/**
 * A sandbox control the sandbox API's document does not list (the Berlin Group's DECOUPLED approval
 * is left out of /v1's example run): the request as the flow states it.
 */
function controlItem(step: Extract<FlowStep, { sandbox: unknown }>): StandardPostmanItem {
  const path = step.sandbox.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => step.params?.[name] ?? `{${name}}`);
  const auth = authOf(step.auth);
  return {
    name: step.name ?? `${step.sandbox.method} ${step.sandbox.path}`,
    event: events(step, step.expect ?? 200),
    request: {
      method: step.sandbox.method,
      ...(step.description ? { description: step.description } : {}),
      ...(auth ? { auth } : {}),
      header: step.body === undefined ? [] : [{ key: "Content-Type", value: "application/json" }],
      url: url(path, []),
      ...(step.body !== undefined
        ? { body: { mode: "raw", raw: JSON.stringify(step.body, null, 2), options: { raw: { language: "json" } } } }
        : {}),
    },
  };
}

/** The collection variables a step's request names (`{{name}}`; Postman's own `{{$guid}}` aside). */
function usedVariables(step: FlowStep): string[] {
  const sent = [
    step.params,
    step.query,
    step.headers,
    step.body,
    "oauth" in step ? step.oauth.form : undefined,
    step.auth?.kind === "bearer" ? `{{${step.auth.variable}}}` : undefined,
  ];
  const names = [...JSON.stringify(sent).matchAll(/\{\{([^{}$][^{}]*)\}\}/g)].map((match) => match[1]);
  return [...new Set(names)].filter((name) => !(step.sets ?? []).includes(name));
}

export type StandardCollectionInput = {
  standard: StandardReference;
  /** The standard's generated document, as the portal serves it. */
  document: OpenApiDocumentLike;
  /** The sandbox API's document (the sandbox controls a flow uses). */
  sandboxDocument: OpenApiDocumentLike;
  reference: SandboxReference;
  baseUrl: string;
  /** The flow to build (the standard's own by default). */
  flow?: Flow;
};

/** What the flow asks for that the documents do not hold (left out of the collection). */
export type MissingStep = { folder: string; step: string; /** The variables it needs that no request left in gets. */ needs?: string[] };

export function buildStandardCollection(input: StandardCollectionInput): { collection: StandardPostmanCollection; missing: MissingStep[] } {
  const flow = input.flow ?? standardFlows[input.standard.key](input.reference);
  const missing: MissingStep[] = [];
  // What a request may use: the variables the developer fills in, and those earlier requests set.
  const available = new Set(["baseUrl", "sandboxKey", ...flow.variables.map((variable) => variable.key)]);
  const folders: StandardPostmanFolder[] = flow.folders.map((folder) => {
    const item: StandardPostmanItem[] = [];
    const left: string[] = [];
    const waiting: string[] = [];
    const leave = (label: string, needs?: string[]) => {
      (needs ? waiting : left).push(label);
      missing.push({ folder: folder.name, step: label, ...(needs ? { needs } : {}) });
    };
    for (const step of folder.steps) {
      const label =
        "operationId" in step ? step.operationId : "sandbox" in step ? `${step.sandbox.method} ${step.sandbox.path}` : step.name;
      // A step needing what no earlier request here captures (its operation left out) would only fail.
      const unmet = usedVariables(step).filter((name) => !available.has(name) && !step.dates?.some((date) => date.variable === name));
      if (unmet.length) {
        leave(label, unmet);
        continue;
      }
      const located =
        "operationId" in step
          ? findByOperationId(input.document, step.operationId)
          : "sandbox" in step
            ? findByPath(input.sandboxDocument, step.sandbox.method, step.sandbox.path)
            : undefined;
      if ("oauth" in step) item.push(oauthItem(step));
      else if (located) item.push(operationItem(step, located));
      else if ("sandbox" in step) item.push(controlItem(step));
      else {
        leave(label);
        continue;
      }
      for (const name of [...(step.captures ?? []).map((capture) => capture.variable), ...(step.sets ?? [])]) available.add(name);
    }
    const list = (labels: string[]) => labels.map((label) => `\`${label}\``).join(", ");
    const note = [
      left.length ? `Not in this sandbox yet, so left out: ${list(left)}.` : "",
      waiting.length ? `Left out with them, for want of what they would give: ${list(waiting)}.` : "",
    ]
      .filter(Boolean)
      .map((line) => `\n\n${line}`)
      .join("");
    return { name: folder.name, description: `${folder.description}${note}`, item };
  });
  const variables: KeyValue[] = [
    {
      key: "baseUrl",
      value: input.baseUrl.replace(/\/+$/, ""),
      type: "string",
      description: "The portal's origin: every call goes through its gateway.",
    },
    {
      key: "sandboxKey",
      value: "",
      type: "string",
      description: "Your app's sandbox key (sk_sandbox_…): the sandbox controls and the sandbox's clock. Never commit it.",
    },
    ...flow.variables.map((variable): KeyValue => ({ ...variable, type: "string" })),
  ];
  const setByRun = [
    ...new Set(
      flow.folders.flatMap((folder) =>
        folder.steps.flatMap((step) => [...(step.captures ?? []).map((capture) => capture.variable), ...(step.sets ?? [])]),
      ),
    ),
  ].filter((name) => !variables.some((variable) => variable.key === name));
  const info = input.document.info ?? {};
  return {
    collection: {
      info: {
        name: info.title ?? input.standard.title,
        description: [
          `The ${input.standard.title} flows of the Open Bank sandbox, built from its generated OpenAPI document (${input.standard.openapiHref}): one folder per step of the story, each request testing its status and capturing what the next ones use.`,
          "",
          flow.runNote,
          "",
          `Guide: ${input.baseUrl.replace(/\/+$/, "")}${input.standard.guideHref}`,
        ].join("\n"),
        ...(info.version ? { version: info.version } : {}),
        schema: POSTMAN_SCHEMA,
      },
      auth: { type: "bearer", bearer: [{ key: "token", value: "{{sandboxKey}}", type: "string" }] },
      variable: [
        ...variables,
        ...setByRun.map((key): KeyValue => ({ key, value: "", type: "string", description: "Set when the collection runs." })),
      ],
      item: folders,
    },
    missing,
  };
}

/** How many requests the collection holds. */
export const countStandardRequests = (collection: StandardPostmanCollection) =>
  collection.item.reduce((total, folder) => total + folder.item.length, 0);
