import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, expect, inject, it } from "vitest";
import { loadContract } from "../support/contract";
import { sandbox } from "../support/portal-client";
import { createResources, newDeveloperApp } from "./support/sandbox-fixtures";
import { requiredOf, resolveRef, schemaArbitrary } from "./support/schema-arbitrary";
import { runSeed, SIZES } from "./support/sizes";

/**
 * Schema fuzzing through the real gateway with a real key: for every operation of the
 * published document, requests generated from its schemas (valid) and broken on purpose
 * (wrong types, missing required fields, extra fields, huge strings, bad ids, malformed JSON,
 * wrong content type, bad query values, missing or oversized Idempotency-Key). Every answer
 * must be below 500 and match the document (status, content type, body).
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document as published
const document = contract.document as any;
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: "path" | "query" | "header"; required?: boolean; schema: Schema };
type Operation = { method: string; path: string; parameters: Parameter[]; body?: Schema };
type Case = { label: string; path: string; query: string; headers: Record<string, string>; body?: string };

const operations: Operation[] = Object.entries(document.paths as Record<string, Record<string, Schema>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    parameters: ((op.parameters as Schema[] | undefined) ?? [])
      .map((p) => (typeof p.$ref === "string" ? document.components.parameters[p.$ref.split("/").pop()!] : p) as Parameter)
      // Sandbox-Scenario fails calls on purpose (503, 500, 429): the fuzzer looks for real failures.
      .filter((p) => p.name.toLowerCase() !== "sandbox-scenario"),
    body: (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.["application/json"]?.schema,
  })),
);

let key = "";
let pool: Record<string, string[]> = {};
const seed = runSeed("schema fuzzing");

beforeAll(async () => {
  const app = await newDeveloperApp(portalUrl, "Fuzz Tester");
  key = app.key;
  pool = (await createResources(portalUrl, key)).ids;
});

const HUGE = "x".repeat(200_000);
const JUNK_IDS = [
  "",
  "%00",
  "..%2F..%2Fetc%2Fpasswd",
  "acc_" + "A".repeat(5_000),
  "😀",
  "acc_%E2%80%AE",
  "' OR 1=1 --",
  "null",
  "-1",
  "acc_3mJ0wqG5XnS1xQbH0pR7tZ",
];

/** An id from this app's sandbox for a parameter or property named like one, else the generated value. */
function withPoolIds(value: unknown, pick: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withPoolIds(v, pick));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, child]) => {
      const kind = name.endsWith("account_id") ? "account_id" : name;
      const ids = pool[kind];
      return [name, ids?.length && typeof child === "string" && pick % 3 !== 0 ? ids[pick % ids.length] : withPoolIds(child, pick)];
    }),
  );
}

function render(
  op: Operation,
  params: Record<string, unknown>,
  body: unknown,
  label: string,
  extraHeaders: Record<string, string> = {},
): Case {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    const value = params[p.name];
    if (value === undefined) continue;
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.in === "query") query.set(p.name, String(value));
    else if (p.in === "header") headers[p.name] = String(value);
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  return {
    label,
    path,
    query: query.toString(),
    headers: { ...headers, ...extraHeaders },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

function paramsArbitrary(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const p of op.parameters) {
    if (p.name.toLowerCase() === "idempotency-key") {
      model[p.name] = fc.uuid();
    } else if (p.in === "path" && pool[p.name]?.length) {
      model[p.name] = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...pool[p.name]) },
        { weight: 1, arbitrary: schemaArbitrary(document, p.schema) },
      );
    } else {
      model[p.name] = schemaArbitrary(document, p.schema);
    }
    if (p.required || p.in === "path") required.push(p.name);
  }
  return fc.record(model, { requiredKeys: required });
}

function validCases(op: Operation, count: number, runSeedValue: number): Case[] {
  const arbitrary = fc.tuple(paramsArbitrary(op), op.body ? schemaArbitrary(document, op.body) : fc.constant(undefined), fc.nat());
  return fc
    .sample(arbitrary, { seed: runSeedValue, numRuns: count })
    .map(([params, body, pick], i) => render(op, params, withPoolIds(body, pick), `valid #${i}`));
}

/** One broken request per mutation kind that applies to the operation, cycling until `count`. */
function invalidCases(op: Operation, count: number, runSeedValue: number): Case[] {
  const [[params, body]] = fc.sample(fc.tuple(paramsArbitrary(op), op.body ? schemaArbitrary(document, op.body) : fc.constant(undefined)), {
    seed: runSeedValue,
    numRuns: 1,
  });
  const baseBody = withPoolIds(body, 1) as Record<string, unknown> | undefined;
  const mutations: ((i: number) => Case)[] = [];
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const idempotency = op.parameters.find((p) => p.name.toLowerCase() === "idempotency-key");
  const objectBody = op.body && resolveRef(document, op.body).type === "object" ? resolveRef(document, op.body) : undefined;
  const properties = Object.keys((objectBody?.properties as Schema | undefined) ?? {});

  for (const p of pathParams)
    mutations.push((i) => render(op, { ...params, [p.name]: JUNK_IDS[i % JUNK_IDS.length] || "x" }, baseBody, `bad id ${p.name}`));
  for (const p of queryParams) {
    const bad = ["abc", "-1", "1e309", "99999999999999999999", HUGE.slice(0, 10_000), "[object Object]", "true", ""];
    mutations.push((i) => render(op, { ...params, [p.name]: bad[i % bad.length] }, baseBody, `bad query ${p.name}`));
  }
  if (idempotency) {
    mutations.push(() => render(op, { ...params, [idempotency.name]: undefined }, baseBody, "missing Idempotency-Key"));
    mutations.push(() => render(op, { ...params, [idempotency.name]: "k".repeat(5_000) }, baseBody, "huge Idempotency-Key"));
  }
  if (op.body) {
    const wrong = [42, "text", true, null, [], {}, -1.5, "9".repeat(400)];
    mutations.push(() => ({
      ...render(op, params, undefined, "malformed JSON"),
      headers: { ...render(op, params, baseBody, "").headers },
      body: '{"amount": {"amount": "1.00",',
    }));
    mutations.push(() => render(op, params, undefined, "missing body"));
    mutations.push((i) => render(op, params, [null, 1, "x", [baseBody]][i % 4], "non-object JSON body"));
    mutations.push(() => ({
      ...render(op, params, baseBody, "wrong content-type"),
      headers: { ...render(op, params, baseBody, "").headers, "content-type": "text/plain" },
    }));
    mutations.push(() => ({
      ...render(op, params, baseBody, "form content-type"),
      headers: { ...render(op, params, baseBody, "").headers, "content-type": "application/x-www-form-urlencoded" },
    }));
    mutations.push(() => render(op, params, { ...baseBody, unexpected_field: "x", __proto__: { polluted: true } }, "extra fields"));
    for (const name of requiredOf(document, op.body))
      mutations.push(() =>
        render(op, params, Object.fromEntries(Object.entries(baseBody ?? {}).filter(([k]) => k !== name)), `missing required ${name}`),
      );
    for (const name of properties) {
      mutations.push((i) => render(op, params, { ...baseBody, [name]: wrong[i % wrong.length] }, `wrong type ${name}`));
      mutations.push(() => render(op, params, { ...baseBody, [name]: HUGE }, `huge string ${name}`));
    }
    mutations.push(() => render(op, params, { ...baseBody, padding: HUGE.repeat(6) }, "1.2 MB body"));
  } else if (op.method !== "GET") {
    mutations.push(() => ({
      ...render(op, params, undefined, "unexpected JSON body"),
      headers: { ...render(op, params, undefined, "").headers, "content-type": "application/json" },
      body: '{"x":1}',
    }));
    mutations.push(() => ({
      ...render(op, params, undefined, "malformed unexpected body"),
      headers: { ...render(op, params, undefined, "").headers, "content-type": "application/json" },
      body: "{",
    }));
  }
  if (mutations.length === 0) return [];
  const rng = fc.sample(fc.nat(), { seed: runSeedValue + 1, numRuns: count });
  return Array.from({ length: count }, (_, i) => mutations[(i + (rng[0] ?? 0)) % mutations.length](rng[i] ?? i));
}

it("answers every generated valid and invalid request below 500 and as documented", async () => {
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let opIndex = 0;
  const perOperation: string[] = [];
  for (const op of operations) {
    opIndex += 1;
    const cases = [
      ...validCases(op, SIZES.fuzzValidPerOperation, seed + opIndex),
      ...invalidCases(op, SIZES.fuzzInvalidPerOperation, seed + opIndex),
    ];
    perOperation.push(`${op.method} ${op.path}: ${cases.length}`);
    for (const c of cases) {
      const url = `${c.path}${c.query ? `?${c.query}` : ""}`;
      const headers: Record<string, string> = { ...c.headers };
      // A fresh Idempotency-Key per case unless the case is about that header.
      if (op.parameters.some((p) => p.name.toLowerCase() === "idempotency-key") && !c.label.includes("Idempotency-Key"))
        headers["idempotency-key"] = randomUUID();
      let status = 0;
      let text = "";
      let contentType: string | null = null;
      try {
        const response = await sandbox(portalUrl, key, url, { method: op.method, headers, body: c.body });
        status = response.status;
        contentType = response.headers.get("content-type");
        text = await response.text();
      } catch (error) {
        failures.push(`${op.method} ${op.path} [${c.label}] ${url.slice(0, 120)}: transport error ${(error as Error).message}`);
        continue;
      }
      sent += 1;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      let body: unknown = undefined;
      if (text) {
        try {
          body = /json/.test(contentType ?? "") ? JSON.parse(text) : text;
        } catch {
          body = text;
        }
      }
      const where = `${op.method} ${op.path} [${c.label}] ${url.slice(0, 120)} body=${(c.body ?? "").slice(0, 200)}`;
      if (status >= 500) failures.push(`${where}: ${status} ${text.slice(0, 300)}`);
      const result = contract.validator.validateResponse({ method: op.method, path: op.path, status, contentType, body });
      if (!result.valid) failures.push(`${where}: ${status} not as documented: ${result.errors.join("; ")} ${text.slice(0, 200)}`);
    }
  }
  const summary = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  console.log(
    `[reliability] schema fuzzing: ${operations.length} operations × ${SIZES.fuzzValidPerOperation} valid + ≤${SIZES.fuzzInvalidPerOperation} invalid cases = ${sent} requests; statuses ${summary}; failures ${failures.length}`,
  );
  expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);
  expect(sent).toBeGreaterThan(operations.length * SIZES.fuzzValidPerOperation);
});
