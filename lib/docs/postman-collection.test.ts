import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import { listOperations, type OpenApiDocumentLike } from "./api-areas";
import { daysAfter, fillPlaceholders, planExampleRun } from "./example-run";
import { buildPostmanCollection, countRequests, POSTMAN_SCHEMA, type PostmanCollection } from "./postman-collection";
import { exampleFromSchema, sampleFromPattern } from "./schema-sample";

let document: OpenApiDocumentLike;
let collection: PostmanCollection;
beforeAll(async () => {
  document = (await buildOpenApiDocument()) as OpenApiDocumentLike;
  collection = buildPostmanCollection(document, { baseUrl: "https://portal.example.com/" });
}, 60_000);

const requests = () => collection.item.flatMap((folder) => folder.item.map((item) => ({ folder: folder.name, ...item })));
const urlOf = (request: { url: { path: string[] } }) => `/${request.url.path.join("/")}`.replace(/:(\w+)/g, "{$1}");

describe("buildPostmanCollection", () => {
  it("is a v2.1 collection with one folder per tag", () => {
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA);
    expect(collection.item.map((folder) => folder.name)).toEqual((document.tags ?? []).map((tag) => tag.name));
  });

  it("holds every operation exactly once, in its tag's folder, with its method and path", () => {
    const operations = listOperations(document);
    expect(countRequests(collection)).toBe(operations.length);
    const seen = requests().map((item) => `${item.request.method} ${urlOf(item.request)}`);
    expect(new Set(seen).size).toBe(seen.length);
    for (const operation of operations) {
      const found = requests().filter(
        (item) => item.request.method === operation.method.toUpperCase() && urlOf(item.request) === operation.path,
      );
      expect(found, `${operation.method} ${operation.path}`).toHaveLength(1);
      expect(found[0].folder).toBe(operation.tag);
    }
  });

  it("prefills {{baseUrl}} with the portal's origin and leaves the key for the developer to set", () => {
    expect(collection.variable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "baseUrl", value: "https://portal.example.com" }),
        expect.objectContaining({ key: "sandboxKey", value: "" }),
      ]),
    );
    for (const item of requests()) {
      expect(item.request.url.host).toEqual(["{{baseUrl}}"]);
      expect(item.request.url.raw.startsWith("{{baseUrl}}/v1/")).toBe(true);
    }
    expect(JSON.stringify(collection)).not.toMatch(/sk_sandbox_[0-9A-Za-z]{8,}/);
  });

  it("authorises with a bearer token from {{sandboxKey}}, inherited by every request the key may call", () => {
    expect(collection.auth).toEqual({ type: "bearer", bearer: [{ key: "token", value: "{{sandboxKey}}", type: "string" }] });
    const listAccounts = requests().find((item) => item.request.method === "GET" && urlOf(item.request) === "/v1/accounts")!;
    expect(listAccounts.request.auth).toBeUndefined();
  });

  it("fills every Idempotency-Key with a fresh {{$guid}} and marks JSON bodies", () => {
    const createPayment = requests().find((item) => item.request.method === "POST" && urlOf(item.request) === "/v1/payments")!;
    expect(createPayment.request.header).toEqual(
      expect.arrayContaining([
        { key: "Content-Type", value: "application/json" },
        expect.objectContaining({ key: "idempotency-key", value: "{{$guid}}" }),
      ]),
    );
    // Exactly the operations that document the header carry it, each with a fresh {{$guid}}.
    const documented = listOperations(document).filter((operation) =>
      ((document.paths![operation.path][operation.method] as { parameters?: { in: string; name: string }[] }).parameters ?? []).some(
        (p) => p.in === "header" && p.name.toLowerCase() === "idempotency-key",
      ),
    );
    expect(documented.length).toBeGreaterThan(5);
    const carried = requests().flatMap((item) =>
      item.request.header
        .filter((header) => header.key.toLowerCase() === "idempotency-key")
        .map((header) => `${item.request.method} ${urlOf(item.request)} ${header.value}`),
    );
    expect(carried.sort()).toEqual(documented.map((operation) => `${operation.method.toUpperCase()} ${operation.path} {{$guid}}`).sort());
  });

  it("turns path parameters into :variables holding the captured ids, and sends only the query parameters of the example", () => {
    const transactions = requests().find((item) => urlOf(item.request) === "/v1/accounts/{account_id}/transactions")!;
    expect(transactions.request.url.path).toEqual(["v1", "accounts", ":account_id", "transactions"]);
    expect(transactions.request.url.variable).toEqual([expect.objectContaining({ key: "account_id", value: "{{accountId}}" })]);
    expect(transactions.request.url.query?.find((query) => query.key === "limit")).toMatchObject({ value: "10", disabled: false });
    expect(transactions.request.url.query?.find((query) => query.key === "cursor")).toMatchObject({ disabled: true });
    expect(transactions.request.url.raw).toBe("{{baseUrl}}/v1/accounts/:account_id/transactions?status=booked&limit=10");
    for (const item of requests())
      for (const variable of item.request.url.variable ?? []) expect(variable.value, `${item.name} :${variable.key}`).not.toBe("");
  });

  it("gives every request body an example that the operation's own schema accepts, once its variables are filled", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: document.components }, "doc");
    // What the run fills in: the ids it captured (here, the example ids they stand for) and the dates.
    const values = Object.fromEntries([
      ...planExampleRun(document).variables.map((variable) => [variable.name, variable.example]),
      ["start_date", daysAfter(new Date(), 60)],
      ["end_date", daysAfter(new Date(), 67)],
    ]);
    let checked = 0;
    for (const operation of listOperations(document)) {
      const body = (
        document.paths![operation.path][operation.method] as { requestBody?: { content?: Record<string, { schema: unknown }> } }
      ).requestBody;
      const schema = body?.content?.["application/json"]?.schema;
      if (!schema) continue;
      const item = requests().find(
        (candidate) => candidate.request.method === operation.method.toUpperCase() && urlOf(candidate.request) === operation.path,
      )!;
      const example = fillPlaceholders(JSON.parse(item.request.body!.raw), values);
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      expect(validate(example), `${operation.operationId}: ${JSON.stringify(validate.errors)}`).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("tests every request's documented status, and resets the sandbox last", () => {
    for (const item of requests()) {
      const test = item.event?.find((event) => event.listen === "test");
      expect(test?.script.exec.join("\n"), item.name).toMatch(/pm\.response\.to\.have\.status\(20[014]\)/);
    }
    expect(requests().at(-1)?.name).toBe("Reset the sandbox to its seed");
    expect(collection.item.at(-1)?.name).toBe("Sandbox");
  });

  it("captures ids into declared collection variables, with scripts that read them as the example run does", () => {
    const listAccounts = requests().find((item) => item.request.method === "GET" && urlOf(item.request) === "/v1/accounts")!;
    const answer = {
      data: [
        { id: "acc_other", customer_id: "cus_other", type: "current" },
        { id: "acc_savings", customer_id: "cus_1", type: "savings" },
        { id: "acc_current", customer_id: "cus_1", type: "current" },
        { id: "acc_card", customer_id: "cus_1", type: "credit_card" },
      ],
      next_cursor: null,
    };
    const run = runTestScript(listAccounts.event!.find((event) => event.listen === "test")!.script.exec, 200, answer, {
      customerId: "cus_1",
    });
    expect(run.variables).toEqual({ accountId: "acc_current", cardAccountId: "acc_card" });
    expect(run.tests).toEqual([
      ["answers 200 OK", true],
      ["captures {{accountId}}", true],
      ["captures {{cardAccountId}}", true],
    ]);

    const application = requests().find((item) => urlOf(item.request) === "/v1/loans/applications")!;
    const declined = runTestScript(application.event!.find((event) => event.listen === "test")!.script.exec, 201, {
      id: "lap_1",
      offers: [],
    });
    expect(declined.variables).toEqual({ loanApplicationId: "lap_1" });
    expect(declined.tests).toContainEqual(["captures {{loanOfferId}}", false]);

    const declared = collection.variable.map((variable) => variable.key);
    for (const variable of planExampleRun(document).variables) expect(declared).toContain(variable.name);
  });

  it("holds a manual request with its reason, skipped while its path holds the documented example, sent with a real id", () => {
    const decide = requests().find((item) => urlOf(item.request) === "/v1/sandbox/berlin-group/authorisations/{authorisation_id}")!;
    expect(decide.request.description).toMatch(/^\*\*Not sent by a collection run\*\*: .*TPP-Decoupled-Preferred/);
    const example = decide.request.url.variable![0].value;
    expect(example).toMatch(/^sca_/);
    const script = decide.event!.find((event) => event.listen === "prerequest")!.script.exec.join("\n");
    const run = (id: string) => {
      let skipped = false;
      const pm = {
        request: { url: { variables: { get: (name: string) => (name === "authorisation_id" ? id : undefined) } } },
        info: { requestName: decide.name },
        execution: { skipRequest: () => (skipped = true) },
      };
      const log = console.log;
      console.log = () => {};
      try {
        new Function("pm", script)(pm);
      } finally {
        console.log = log;
      }
      return skipped;
    };
    expect(run(example)).toBe(true);
    expect(run("sca_realOneFromTheBerlinGroupFlow")).toBe(false);
    // Only manual requests skip themselves.
    const skipping = requests().filter((item) =>
      item.event?.some((event) => event.listen === "prerequest" && event.script.exec.join("\n").includes("skipRequest")),
    );
    const authentication = requests().find((item) => urlOf(item.request) === "/v1/sandbox/authentications/{authentication_id}")!;
    // (The import's body is a whole export file: it is manual too.)
    expect(skipping.map((item) => item.name).sort()).toEqual([decide.name, authentication.name, "Import a sandbox file"].sort());
  });

  it("skips the import while its body is the documented example, and sends a real file", () => {
    const importing = requests().find((item) => urlOf(item.request) === "/v1/sandbox/import")!;
    const script = importing.event!.find((event) => event.listen === "prerequest")!.script.exec.join("\n");
    const run = (raw: string) => {
      let skipped = false;
      const pm = { request: { body: { raw } }, info: { requestName: importing.name }, execution: { skipRequest: () => (skipped = true) } };
      const log = console.log;
      console.log = () => {};
      try {
        new Function("pm", script)(pm);
      } finally {
        console.log = log;
      }
      return skipped;
    };
    expect(run(importing.request.body!.raw)).toBe(true);
    expect(run(JSON.stringify(JSON.parse(importing.request.body!.raw)))).toBe(true);
    expect(run(JSON.stringify({ format: "openbank.sandbox-export", version: 1, tables: { BankTenant: [] } }))).toBe(false);
  });

  it("dates the insurance trip from the sandbox's clock before sending it", () => {
    const quote = requests().find((item) => item.request.method === "POST" && urlOf(item.request) === "/v1/insurance/quotes")!;
    const script = quote.event?.find((event) => event.listen === "prerequest")?.script.exec.join("\n") ?? "";
    expect(script).toContain("/v1/sandbox/clock");
    expect(JSON.parse(quote.request.body!.raw)).toMatchObject({ start_date: "{{start_date}}", end_date: "{{end_date}}" });
    let sent: { url: string; header: Record<string, string> } | undefined;
    const variables = new Map<string, string>();
    const pm = {
      variables: {
        replaceIn: (text: string) => text.replace("{{baseUrl}}", "https://portal.example.com"),
        get: (name: string) => (name === "sandboxKey" ? "sk_sandbox_test" : undefined),
        set: (name: string, value: string) => variables.set(name, value),
      },
      sendRequest: (request: typeof sent, callback: (error: null, response: { code: number; json(): unknown }) => void) => {
        sent = request;
        callback(null, { code: 200, json: () => ({ now: "2030-05-30T08:00:00.000Z", offset_seconds: 0 }) });
      },
    };
    new Function("pm", script)(pm);
    expect(sent).toMatchObject({ url: "https://portal.example.com/v1/sandbox/clock", header: { Authorization: "Bearer sk_sandbox_test" } });
    expect(Object.fromEntries(variables)).toEqual({ start_date: "2030-07-29", end_date: "2030-08-05" });
  });
});

/** Runs a collection's test script against a canned answer, with the few `pm` calls it makes. */
function runTestScript(exec: string[], code: number, body: unknown, known: Record<string, string> = {}) {
  const variables: Record<string, string> = {};
  const tests: [string, boolean][] = [];
  const pm = {
    response: { code, json: () => body, to: { have: { status: (expected: number) => expect(code).toBe(expected) } } },
    test: (name: string, fn: () => void) => {
      try {
        fn();
        tests.push([name, true]);
      } catch {
        tests.push([name, false]);
      }
    },
    expect: (value: unknown) => ({ to: { be: { a: (type: string) => expect(typeof value).toBe(type) } } }),
    collectionVariables: { set: (name: string, value: string) => (variables[name] = value) },
    variables: { replaceIn: (text: string) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => known[name] ?? whole) },
  };
  new Function("pm", exec.join("\n"))(pm);
  return { variables, tests };
}

describe("exampleFromSchema", () => {
  it("prefers examples, then defaults and enums, and builds objects and arrays from their parts", () => {
    const doc: OpenApiDocumentLike = {
      components: { schemas: { Money: { type: "object", examples: [{ amount: "1.00", currency: "GBP" }] } } },
    };
    expect(
      exampleFromSchema(doc, {
        type: "object",
        properties: {
          price: { $ref: "#/components/schemas/Money" },
          kind: { type: "string", enum: ["a", "b"] },
          size: { type: "integer", default: 25 },
          tags: { type: "array", items: { type: "string", format: "date" } },
          either: { oneOf: [{ type: "boolean" }, { type: "string" }] },
        },
      }),
    ).toEqual({ price: { amount: "1.00", currency: "GBP" }, kind: "a", size: 25, tags: ["2026-01-31"], either: true });
  });
});

describe("sampleFromPattern", () => {
  it("builds the shortest string a simple pattern accepts", () => {
    const shortest: Record<string, string> = {
      "^[A-Za-z0-9_]+$": "A",
      "^\\d{1,15}(\\.\\d{1,2})?$": "1",
      "^\\d{6}$": "111111",
      "^[A-Z]{2}\\d{2}[A-Z0-9]{10,30}$": "AA11AAAAAAAAAA",
      "^[a-z][a-z_]{1,39}$": "aa",
      "^[\\x21-\\x7E]{1,255}$": "!",
    };
    for (const [pattern, sample] of Object.entries(shortest)) {
      expect(sampleFromPattern(pattern), pattern).toBe(sample);
      expect(new RegExp(pattern).test(sample), `${pattern} → ${sample}`).toBe(true);
    }
    expect(sampleFromPattern("^[A-Z]{3}$")).toBe("GBP");
    expect(sampleFromPattern("^[^a]+$")).toBeUndefined();
  });
});
