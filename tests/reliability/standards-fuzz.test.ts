import { randomUUID } from "node:crypto";
import http from "node:http";
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

/** A standard's generated document; the bank's first generation can outlast the portal's 5 s wait on a busy machine (502). */
async function documentAt(name: string): Promise<Doc> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${portalUrl}/openapi/${name}.json`);
    if (response.ok) return response.json();
    if (attempt >= 5 || response.status !== 502) throw new Error(`GET /openapi/${name}.json answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
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

/** One call that must succeed: the sweep must not quietly test less than it says. */
async function must(key: string, method: string, path: string, body: unknown, headers: Record<string, string>, status = 201) {
  const result = await call(portalUrl, key, method, path, body, headers);
  if (result.status !== status) throw new Error(`setup: ${method} ${path} answered ${result.status}: ${result.text.slice(0, 500)}`);
  return result.body;
}

const CURRENT_ACCOUNT_NUMBER = "41825937";
const ENUM_PARAMETERS = new Set(["paymentService", "paymentProduct"]);

type OwnAccount = { id: string; currency: string; identifiers: { iban?: string; sort_code?: string; account_number?: string } };

/**
 * This app's real resources, by the names the documents give their path parameters: accounts, UK
 * account-access, funds-confirmation and payment consents, an authorised Berlin Group consent (its
 * DECOUPLED authorisation approved by the sandbox control) and a Berlin Group payment with its
 * authorisation. Enum path parameters (payment service and product) name where the payment lives.
 */
async function ownResources(key: string): Promise<Record<string, string[]>> {
  await warmUp(portalUrl, key);
  const accounts = (await call(portalUrl, key, "GET", "/v1/accounts?limit=50")).body.data as OwnAccount[];
  const accountIds = accounts.map((a) => a.id);
  const ids: Record<string, string[]> = {
    AccountId: accountIds,
    accountId: accountIds,
    ConsentId: [],
    consentId: [],
    paymentId: [],
    authorisationId: [],
    // Enum path parameters: where the payment lives, not ids of this app's.
    paymentService: ["payments"],
    paymentProduct: ["sepa-credit-transfers"],
  };
  // The seeded persona's current account (the same in every tenant), which has money to pay from.
  const ukAccount = accounts.find((a) => a.identifiers.account_number === CURRENT_ACCOUNT_NUMBER)!;
  const ukIdentification = `${ukAccount.identifiers.sort_code!.replace(/\D/g, "")}${ukAccount.identifiers.account_number}`;
  const uk = async (path: string, body: unknown) =>
    ids.ConsentId.push((await must(key, "POST", `/open-banking/v4.0${path}`, body, surfaceHeaders(path))).Data.ConsentId);
  await uk("/aisp/account-access-consents", { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"] }, Risk: {} });
  await uk("/cbpii/funds-confirmation-consents", {
    Data: { DebtorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: ukIdentification } },
  });
  await uk("/pisp/domestic-payment-consents", {
    Data: {
      Initiation: {
        InstructionIdentification: "FUZZ-INSTR-1",
        EndToEndIdentification: "FUZZ-E2E-1",
        InstructedAmount: { Amount: "1.00", Currency: "GBP" },
        CreditorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "08080021325698", Name: "ACME Ltd" },
      },
    },
    Risk: { PaymentContextCode: "TransferToThirdParty" },
  });
  const decoupled = { ...surfaceHeaders("/berlin-group/"), "tpp-decoupled-preferred": "true", "psu-id": "user_good_credit" };
  const consent = await must(
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
    decoupled,
  );
  ids.consentId.push(consent.consentId);
  const consentAuthorisation = String(consent._links.scaStatus.href).split("/").pop()!;
  await must(key, "POST", `/v1/sandbox/berlin-group/authorisations/${consentAuthorisation}`, { decision: "approve" }, {}, 200);
  const debtor = ukAccount;
  const payment = await must(
    key,
    "POST",
    "/berlin-group/v1/payments/sepa-credit-transfers",
    {
      endToEndIdentification: "FUZZ-BG-1",
      debtorAccount: { iban: debtor.identifiers.iban },
      instructedAmount: { currency: debtor.currency, amount: "1.00" },
      creditorAccount: { iban: "GB33BUKB20201555555555" },
      creditorName: "Merchant Ltd",
    },
    decoupled,
  );
  ids.paymentId.push(payment.paymentId);
  ids.authorisationId.push(consentAuthorisation, String(payment._links.scaStatus.href).split("/").pop()!);
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

/** What an HTTP client can put in a header: generated text outside visible ASCII becomes '?' (fetch refuses it, as any client would). */
function headerValue(value: unknown): string {
  return String(value)
    .replace(/[^\x20-\x7e]/g, "?")
    .trim();
}

function render(op: Operation, params: Record<string, unknown>, body: unknown, label: string): Case {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = surfaceHeaders(op.path);
  for (const p of op.parameters) {
    const value = params[p.name];
    if (value === undefined) continue;
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.in === "query") query.set(p.name, String(value));
    else if (p.in === "header" && !/^(x-request-id|x-idempotency-key|authorization)$/i.test(p.name)) headers[p.name] = headerValue(value);
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

/**
 * One raw request (the body as written, malformed or not) on a connection of its own: between two
 * operations the fuzzer generates and compiles for seconds on a busy machine, long enough for the
 * portal to close an idle keep-alive socket just as a pooled client reuses it ("other side closed").
 * The answer's body is parsed when it is JSON.
 */
async function send(key: string, method: string, path: string, headers: Record<string, string>, body: string | undefined) {
  let answer: { status: number; headers: http.IncomingHttpHeaders; text: string };
  try {
    answer = await new Promise((resolve, reject) => {
      const request = http.request(`${portalUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...headers },
        agent: false,
      });
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
      });
      request.end(body);
    });
  } catch (error) {
    // Past the API surfaces' body limit the portal answers 413 and closes before the body is read,
    // which can reach the client as a reset socket instead of the answer.
    if (body !== undefined && Buffer.byteLength(body) > BODY_LIMIT) return { status: 413, body: undefined, text: "", headers: {} };
    throw new Error(`${method} ${path} headers ${JSON.stringify(headers)} body ${body?.slice(0, 3000)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let parsed: unknown = undefined;
  if (answer.text) {
    try {
      parsed = JSON.parse(answer.text);
    } catch {
      parsed = answer.text; // not JSON: the conformance check says whether that was allowed
    }
  }
  return { status: answer.status, body: parsed, text: answer.text, headers: answer.headers };
}

/** The API surfaces' body limit (MAX_API_BODY_BYTES in lib/gateway/gateway.ts, which this test does not import). */
const BODY_LIMIT = 256 * 1024;

/** Statuses the gateway itself may answer on any surface, which the standards' documents do not all list. */
const GATEWAY_ONLY = new Set([413]);

describe.runIf(present)("the standards' surfaces", () => {
  // First, while this app's Berlin Group consent is still valid (the fuzzing below may end it).
  it("never let another app's credential reach this app's consents, payments or accounts", async () => {
    const own = Object.entries(owner.ids)
      .filter(([name]) => !ENUM_PARAMETERS.has(name))
      .flatMap(([, values]) => values);
    expect(own.length).toBeGreaterThan(0);
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    const probed = new Set<string>();
    const unprobed = new Set<string>();
    for (const op of operations) {
      const names = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
      const consentHeader = op.parameters.some((p) => p.in === "header" && p.name.toLowerCase() === "consent-id");
      if (!names.length && !consentHeader) continue;
      if (!names.every((name) => owner.ids[name]?.length)) {
        unprobed.add(`${op.method} ${op.path}`);
        continue;
      }
      probed.add(`${op.method} ${op.path}`);
      const first = names.find((name) => owner.ids[name].length > 1) ?? names[0];
      for (const value of first ? owner.ids[first] : [""]) {
        const path = names.reduce((current, name) => current.replace(`{${name}}`, name === first ? value : owner.ids[name][0]), op.path);
        const body = op.method === "GET" || op.method === "DELETE" ? undefined : {};
        const headers = { ...surfaceHeaders(op.path), ...(consentHeader ? { "consent-id": owner.ids.consentId[0] } : {}) };
        const result = await call(portalUrl, other.key, op.method, path, body, headers);
        const where = `${op.method} ${path}${consentHeader ? " (this app's Consent-ID)" : ""}`;
        if (![400, 401, 403, 404, 405].includes(result.status)) leaks.push(`${where} → ${result.status}`);
        // An id the caller sent may come back in the refusal's text; any other of this app's ids is a leak.
        const sent = `${path} ${Object.values(headers).join(" ")}`;
        const foreign = own.filter((id) => !sent.includes(id) && result.text.includes(id));
        if (foreign.length) leaks.push(`${where} answered with this app's ids ${foreign.join(", ")}`);
      }
    }
    console.log(
      `[reliability] standards isolation: ${probed.size} operations probed with another app's credential; ` +
        `not probed (no resource of that kind made by key alone): ${[...unprobed].join(", ") || "none"}`,
    );
    expect(probed.size).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it("answer every generated and broken request below 500, as the official documents say", async () => {
    expect(operations.length).toBeGreaterThan(0);
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    let sent = 0;
    for (const [index, op] of operations.entries()) {
      for (const c of cases(op, seed + index)) {
        const answer = await send(owner.key, op.method, `${c.path}${c.query ? `?${c.query}` : ""}`, c.headers, c.body);
        sent++;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
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
          headers: answer.headers,
          body: answer.body,
        });
        if (!verdict.valid) failures.push(`${where}: ${verdict.errors.join("; ").slice(0, 600)}`);
      }
    }
    console.log(
      `[reliability] standards fuzzing: ${sent} requests over ${operations.length} operations; by status ${JSON.stringify(statuses)}`,
    );
    expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);
  }, 600_000);
});

/** This app's consents as it reads them itself: unchanged by anything another app did. */
async function snapshot(): Promise<unknown[]> {
  const views: unknown[] = [];
  for (const id of owner.ids.ConsentId) {
    for (const prefix of ["/aisp/account-access-consents", "/cbpii/funds-confirmation-consents", "/pisp/domestic-payment-consents"]) {
      const result = await call(portalUrl, owner.key, "GET", `/open-banking/v4.0${prefix}/${id}`, undefined, surfaceHeaders(prefix));
      if (result.status === 200) views.push(result.body.Data);
    }
  }
  for (const id of owner.ids.consentId) {
    const result = await call(portalUrl, owner.key, "GET", `/berlin-group/v1/consents/${id}`, undefined, surfaceHeaders("/berlin-group/"));
    views.push({ status: result.status, body: result.body });
  }
  for (const id of owner.ids.paymentId) {
    const path = `/berlin-group/v1/payments/sepa-credit-transfers/${id}`;
    const result = await call(portalUrl, owner.key, "GET", path, undefined, surfaceHeaders("/berlin-group/"));
    views.push({ status: result.status, body: result.body });
  }
  return views;
}
