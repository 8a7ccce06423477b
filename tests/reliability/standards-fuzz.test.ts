import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { standardsAvailable, validateConformance } from "../support/standards-contract";
import { call, newDeveloperApp, warmUp } from "./support/sandbox-fixtures";
import { schemaArbitrary } from "./support/schema-arbitrary";
import { runSeed, SIZES } from "./support/sizes";

/**
 * The standards (UK Open Banking 4.0, Berlin Group 1.3.11) under the reliability suite's two
 * sweeps, through the real gateway:
 * - schema fuzzing: every operation of the sandbox's generated documents, with requests made from
 *   their schemas and broken on purpose (bad ids, malformed JSON, wrong types, missing headers);
 *   every answer is below 500 and, status, headers and body, what the OFFICIAL document says;
 * - tenant isolation: every operation naming an id, called with another app's credential on this
 *   app's consents, payments and accounts: refused (400, 401, 403, 404), never a byte of them,
 *   and nothing of this app's changed afterwards.
 */

const portalUrl = inject("portalUrl");
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: "path" | "query" | "header"; required?: boolean; schema: Schema };
type Operation = { document: Doc; method: string; path: string; parameters: Parameter[]; body?: Schema };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated OpenAPI documents
type Doc = any;

const present = standardsAvailable();
const seed = runSeed("standards: fuzzing and isolation");

async function documentAt(name: string): Promise<Doc> {
  const response = await fetch(`${portalUrl}/openapi/${name}.json`);
  if (!response.ok) throw new Error(`GET /openapi/${name}.json answered ${response.status}`);
  return response.json();
}

function operationsOf(document: Doc): Operation[] {
  const base = new URL(document.servers[0].url).pathname.replace(/\/$/, "");
  return Object.entries(document.paths as Record<string, Record<string, Schema>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => ({
        document,
        method: method.toUpperCase(),
        path: `${base}${path}`,
        parameters: ((op.parameters as Schema[] | undefined) ?? [])
          .map((p) => (typeof p.$ref === "string" ? document.components.parameters[p.$ref.split("/").pop()!] : p) as Parameter)
          .filter((p) => p.name.toLowerCase() !== "sandbox-scenario"),
        body: (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.["application/json"]?.schema,
      })),
  );
}

/** Headers every call of a surface carries, as a client of that standard sends them. */
function surfaceHeaders(path: string): Record<string, string> {
  return path.startsWith("/berlin-group/")
    ? { "x-request-id": randomUUID(), "psu-ip-address": "192.0.2.10" }
    : { "x-fapi-interaction-id": randomUUID(), "x-idempotency-key": randomUUID() };
}

type Owner = { key: string; appId: string; ids: Record<string, string[]> };

/** This app's real ids by the names the documents give their path parameters. */
async function ownResources(key: string): Promise<Record<string, string[]>> {
  await warmUp(portalUrl, key);
  const accounts = (await call(portalUrl, key, "GET", "/v1/accounts?limit=20")).body.data.map((a: { id: string }) => a.id) as string[];
  const ids: Record<string, string[]> = { AccountId: accounts, "account-id": accounts, ConsentId: [], consentId: [], paymentId: [] };
  const uk = async (path: string, body: unknown) => {
    const result = await call(portalUrl, key, "POST", `/open-banking/v4.0${path}`, body, surfaceHeaders(path));
    if (result.status === 201) ids.ConsentId.push(result.body.Data.ConsentId);
  };
  await uk("/aisp/account-access-consents", { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"] }, Risk: {} });
  await uk("/cbpii/funds-confirmation-consents", {
    Data: { DebtorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "08080021325698" } },
  });
  const bg = await call(
    portalUrl,
    key,
    "POST",
    "/berlin-group/v1/consents",
    {
      access: { allPsd2: "allAccounts" },
      recurringIndicator: true,
      validUntil: "2099-12-31",
      frequencyPerDay: 4,
      combinedServiceIndicator: false,
    },
    { ...surfaceHeaders("/berlin-group/"), "tpp-decoupled-preferred": "true" },
  );
  if (bg.status === 201) ids.consentId.push(bg.body.consentId);
  return ids;
}

let operations: Operation[] = [];
let owner: Owner;
let other: { key: string };

beforeAll(async () => {
  if (!present) return;
  operations = [...operationsOf(await documentAt("uk-open-banking")), ...operationsOf(await documentAt("berlin-group"))];
  const a = await newDeveloperApp(portalUrl, "Standards Owner");
  owner = { key: a.key, appId: a.appId, ids: await ownResources(a.key) };
  const b = await newDeveloperApp(portalUrl, "Standards Other");
  await warmUp(portalUrl, b.key);
  other = { key: b.key };
}, 120_000);

type Case = { label: string; path: string; query: string; headers: Record<string, string>; body?: string };

function render(op: Operation, params: Record<string, unknown>, body: unknown, label: string): Case {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = surfaceHeaders(op.path);
  for (const p of op.parameters) {
    const value = params[p.name];
    if (value === undefined) continue;
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.in === "query") query.set(p.name, String(value));
    else if (p.in === "header" && !/^(x-request-id|x-idempotency-key|authorization)$/i.test(p.name)) headers[p.name] = String(value);
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  return { label, path, query: query.toString(), headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

function cases(op: Operation, runSeedValue: number): Case[] {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of op.parameters) {
    const own = owner.ids[p.name];
    model[p.name] =
      p.in === "path" && own?.length
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: schemaArbitrary(op.document, p.schema) })
        : schemaArbitrary(op.document, p.schema);
  }
  const required = op.parameters.filter((p) => p.required || p.in === "path").map((p) => p.name);
  const arbitrary = fc.tuple(
    fc.record(model, { requiredKeys: required }),
    op.body ? schemaArbitrary(op.document, op.body) : fc.constant(undefined),
  );
  const samples = fc.sample(arbitrary, { seed: runSeedValue, numRuns: SIZES.fuzzValidPerOperation });
  const valid = samples.map(([params, body], i) => render(op, params, body, `generated #${i}`));
  const [params, body] = samples[0];
  const broken: Case[] = [];
  for (const p of op.parameters.filter((candidate) => candidate.in === "path"))
    broken.push(
      render(
        op,
        { ...params, [p.name]: ["..%2F..%2Fv1%2Faccounts", "' OR 1=1 --", "😀", "x".repeat(300)][broken.length % 4] },
        body,
        `bad ${p.name}`,
      ),
    );
  if (op.body) {
    broken.push({ ...render(op, params, body, "malformed JSON"), body: '{"Data": {"Initiation": ' });
    broken.push(render(op, params, [body], "array body"));
    broken.push(render(op, params, { ...(body as object), Data: 42, access: "all" }, "wrong types"));
    broken.push({
      ...render(op, params, body, "text/plain"),
      headers: { ...render(op, params, body, "").headers, "content-type": "text/plain" },
    });
  }
  const withoutIds = render(op, params, body, "standard's correlation header missing");
  delete withoutIds.headers["x-request-id"];
  delete withoutIds.headers["x-fapi-interaction-id"];
  broken.push(withoutIds);
  return [...valid, ...broken.slice(0, SIZES.fuzzInvalidPerOperation)];
}

/** One raw request (the body as written, malformed or not), the answer's body parsed when it is JSON. */
async function send(key: string, method: string, path: string, headers: Record<string, string>, body: string | undefined) {
  const response = await fetch(`${portalUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...headers }, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text; // not JSON: the conformance check says whether that was allowed
    }
  }
  return { status: response.status, body: parsed, text, response };
}

/** Statuses the gateway itself may answer on any surface, which the standards' documents do not all list. */
const GATEWAY_ONLY = new Set([413]);

describe.runIf(present)("the standards' surfaces", () => {
  it("answer every generated and broken request below 500, as the official documents say", async () => {
    expect(operations.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let sent = 0;
    for (const [index, op] of operations.entries()) {
      for (const c of cases(op, seed + index)) {
        const answer = await send(owner.key, op.method, `${c.path}${c.query ? `?${c.query}` : ""}`, c.headers, c.body);
        sent++;
        const where = `${op.method} ${c.path} (${c.label}) → ${answer.status}`;
        if (answer.status >= 500) {
          failures.push(`${where}: ${answer.text.slice(0, 300)}`);
          continue;
        }
        if (GATEWAY_ONLY.has(answer.status)) continue;
        const verdict = validateConformance({
          method: op.method,
          path: c.path,
          status: answer.status,
          headers: answer.response.headers,
          body: answer.body,
        });
        if (!verdict.valid) failures.push(`${where}: ${verdict.errors.join("; ").slice(0, 600)}`);
      }
    }
    console.log(`[reliability] standards fuzzing: ${sent} requests over ${operations.length} operations`);
    expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);
  }, 600_000);

  it("never let another app's credential reach this app's consents, payments or accounts", async () => {
    const own = Object.values(owner.ids).flat();
    expect(own.length).toBeGreaterThan(0);
    const before = await snapshot();
    const leaks: string[] = [];
    for (const op of operations) {
      const names = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
      if (!names.length || !names.every((name) => owner.ids[name]?.length)) continue;
      for (const value of owner.ids[names[0]]) {
        const path = names.reduce((current, name, i) => current.replace(`{${name}}`, i === 0 ? value : owner.ids[name][0]), op.path);
        const body = op.method === "GET" || op.method === "DELETE" ? undefined : {};
        const result = await call(portalUrl, other.key, op.method, path, body, surfaceHeaders(op.path));
        if (![400, 401, 403, 404, 405].includes(result.status)) leaks.push(`${op.method} ${path} → ${result.status}`);
        const foreign = own.filter((id) => !path.includes(id) && result.text.includes(id));
        if (foreign.length) leaks.push(`${op.method} ${path} answered with this app's ids ${foreign.join(", ")}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 300_000);
});

/** This app's consents as it reads them itself: unchanged by anything another app did. */
async function snapshot(): Promise<unknown[]> {
  const views: unknown[] = [];
  for (const id of owner.ids.ConsentId) {
    for (const prefix of ["/aisp/account-access-consents", "/cbpii/funds-confirmation-consents"]) {
      const result = await call(portalUrl, owner.key, "GET", `/open-banking/v4.0${prefix}/${id}`, undefined, surfaceHeaders(prefix));
      if (result.status === 200) views.push(result.body.Data);
    }
  }
  for (const id of owner.ids.consentId) {
    const result = await call(portalUrl, owner.key, "GET", `/berlin-group/v1/consents/${id}`, undefined, surfaceHeaders("/berlin-group/"));
    views.push({ status: result.status, body: result.body });
  }
  return views;
}
