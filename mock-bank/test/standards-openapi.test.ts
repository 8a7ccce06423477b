import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type FastifyPluginAsyncZod, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import swagger from "../src/plugins/external/swagger";
import standardsOpenapi from "../src/plugins/external/standards-openapi";
import { EXAMPLE_UUID, standardDocuments, type StandardKey } from "../src/openapi/standard-documents";
import { eachOperation, type LooseDocument } from "../src/openapi/document-steps";
import { buildTestApp, PORTAL_URL, type TestApp } from "./helpers";
import { findOfficialOperation, officialOperations } from "../../tests/support/official-operations";
import { STANDARD_DOCUMENTS, standardsAvailable } from "../../tests/support/standards-contract";

/**
 * The standards' OpenAPI documents (UK Open Banking 4.0, Berlin Group 1.3.11): generated from the
 * routes under each prefix, valid OpenAPI 3.1, nothing of /v1 in them and nothing of them in
 * /openapi.json; against the bank's real routes, every operation is the official one of the same
 * method and path (same operationId), and the coverage of each official document is printed.
 */

type Document = LooseDocument & {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  components: Record<string, Record<string, Record<string, unknown>>>;
};

/** The OpenAPI 3.1 schema Spectral validates documents with (its `oas3-schema` rule), from the installed ruleset. */
function openApi31Validator() {
  const schemas = path.join(path.dirname(createRequire(import.meta.url).resolve("@stoplight/spectral-rulesets")), "oas/schemas");
  const read = (file: string) => JSON.parse(readFileSync(path.join(schemas, file), "utf8"));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("media-range", true);
  for (const file of [
    "json-schema/draft-2020-12/index.json",
    "json-schema/draft-2020-12/validation.json",
    "oas/v3.1/dialect.schema.json",
    "oas/v3.1/meta.schema.json",
  ])
    ajv.addSchema(read(file));
  return ajv.compile(read("oas/v3.1/index.json"));
}
const validOpenApi31 = openApi31Validator();

function expectValidOpenApi31(document: unknown) {
  const valid = validOpenApi31(document);
  expect(valid ? [] : validOpenApi31.errors!.map((error) => `${error.instancePath} ${error.message}`).slice(0, 10)).toEqual([]);
}

describe("the generator, over routes of every surface", () => {
  const consent = z.object({ Data: z.object({ Permissions: z.array(z.string()).min(1) }) }).meta({ id: "FixtureOBReadConsent1" });
  const uk: FastifyPluginAsyncZod = async (app) => {
    app.post(
      "/aisp/account-access-consents",
      {
        config: { standardAccess: { caller: "app", scope: "accounts", standard: "uk_open_banking" } },
        schema: {
          operationId: "CreateAccountAccessConsents",
          tags: ["Account Access"],
          summary: "Create an account-access consent",
          // Declared by the route itself: not added again.
          headers: z.object({ "x-fapi-interaction-id": z.string().max(36).optional().describe("The route's own words.") }),
          body: consent,
          response: { 201: consent, 400: z.object({ Code: z.string() }) },
        },
      },
      async (_request, reply) => reply.code(201).send({ Data: { Permissions: ["ReadAccountsBasic"] } }),
    );
    app.get(
      "/aisp/accounts/:AccountId",
      {
        config: { standardAccess: { caller: "consent", scope: "accounts", standard: "uk_open_banking" } },
        schema: {
          operationId: "GetAccountsAccountId",
          tags: ["Accounts"],
          summary: "Get an account",
          params: z.object({ AccountId: z.string().max(40) }),
          response: { 200: z.object({ Data: z.object({}) }) },
        },
      },
      async () => ({ Data: {} }),
    );
    app.post(
      "/pisp/domestic-payments",
      {
        config: { standardAccess: { caller: "consent", scope: "payments", standard: "uk_open_banking" } },
        schema: {
          operationId: "CreateDomesticPayments",
          tags: ["Domestic Payments"],
          summary: "Create a domestic payment",
          headers: z.object({ "x-idempotency-key": z.string().min(1).max(40) }),
          body: z.object({ Data: z.object({ ConsentId: z.string().max(128) }) }),
          response: { 201: z.object({ Data: z.object({}) }) },
        },
      },
      async (_request, reply) => reply.code(201).send({ Data: {} }),
    );
  };
  const bg: FastifyPluginAsyncZod = async (app) => {
    app.post(
      "/consents",
      {
        config: { standardAccess: { caller: "app", scope: "accounts", standard: "berlin_group" } },
        schema: {
          operationId: "createConsent",
          tags: ["Account Information Service (AIS)"],
          summary: "Create consent",
          headers: z.object({ "x-bg-request-id": z.string().max(36), "psu-ip-address": z.string().max(45) }),
          body: z.object({ recurringIndicator: z.boolean() }),
          response: { 201: z.object({ consentId: z.string() }) },
        },
      },
      async (_request, reply) => reply.code(201).send({ consentId: "cns_1" }),
    );
  };
  let documents: Record<StandardKey | "v1", Document>;

  beforeAll(async () => {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, { portalUrl: PORTAL_URL });
    await app.register(standardsOpenapi, { portalUrl: PORTAL_URL });
    app.get("/v1/accounts", { schema: { operationId: "listAccounts", tags: ["Accounts"], summary: "List accounts" } }, async () => ({}));
    await app.register(uk, { prefix: "/open-banking/v4.0" });
    await app.register(bg, { prefix: "/berlin-group/v1" });
    await app.ready();
    documents = {
      v1: app.swagger() as unknown as Document,
      "uk-open-banking": app.standardDocument("uk-open-banking") as Document,
      "berlin-group": app.standardDocument("berlin-group") as Document,
    };
    await app.close();
  });

  it("files each route in its standard's document, with the prefix in the server, and nothing crosses over", () => {
    expect(Object.keys(documents.v1.paths!)).toEqual(["/v1/accounts"]);
    expect(Object.keys(documents["uk-open-banking"].paths!).sort()).toEqual([
      "/aisp/account-access-consents",
      "/aisp/accounts/{AccountId}",
      "/pisp/domestic-payments",
    ]);
    expect(documents["uk-open-banking"].servers).toEqual([expect.objectContaining({ url: `${PORTAL_URL}/open-banking/v4.0` })]);
    expect(Object.keys(documents["berlin-group"].paths!)).toEqual(["/v1/consents"]);
    expect(documents["berlin-group"].servers).toEqual([expect.objectContaining({ url: `${PORTAL_URL}/berlin-group` })]);
    for (const document of Object.values(documents)) expectValidOpenApi31(document);
  });

  it("says who may call each operation, from the route's standardAccess", () => {
    const ops = Object.fromEntries(eachOperation(documents["uk-open-banking"]).map(({ operation }) => [operation.operationId!, operation]));
    expect(ops.CreateAccountAccessConsents.security).toEqual([{ TPPOAuth2Security: ["accounts"] }, { api_key: [] }]);
    expect(ops.GetAccountsAccountId.security).toEqual([{ PSUOAuth2Security: ["accounts"] }]);
    expect(documents["uk-open-banking"].components.securitySchemes.TPPOAuth2Security).toMatchObject({
      flows: { clientCredentials: { tokenUrl: `${PORTAL_URL}/oauth/token` } },
    });
    expect(documents["uk-open-banking"].components.securitySchemes.PSUOAuth2Security).toMatchObject({
      flows: { authorizationCode: { authorizationUrl: `${PORTAL_URL}/oauth/authorize`, tokenUrl: `${PORTAL_URL}/oauth/token` } },
    });
    const [consent] = eachOperation(documents["berlin-group"]);
    expect(consent.operation.security).toEqual([{ api_key: [] }, { TPPOAuth2Security: ["accounts"] }]);
    // Only the schemes in use.
    expect(Object.keys(documents["berlin-group"].components.securitySchemes).sort()).toEqual(["TPPOAuth2Security", "api_key"]);
    expect(String(documents["berlin-group"].components.securitySchemes.api_key.description)).toContain("eIDAS");
  });

  it("documents the surface's headers once, unless the route declares them, and gives fresh-value headers an example", () => {
    const ops = Object.fromEntries(eachOperation(documents["uk-open-banking"]).map(({ operation }) => [operation.operationId!, operation]));
    const names = (operationId: string) =>
      ops[operationId].parameters!.map((parameter) =>
        parameter.$ref ? documents["uk-open-banking"].components.parameters[parameter.$ref.split("/").pop()!].name : parameter.name,
      );
    expect(names("GetAccountsAccountId")).toEqual(
      expect.arrayContaining([
        "AccountId",
        "x-fapi-interaction-id",
        "x-fapi-auth-date",
        "x-fapi-customer-ip-address",
        "x-customer-user-agent",
        "Sandbox-Scenario",
      ]),
    );
    expect(names("CreateAccountAccessConsents").filter((name) => name === "x-fapi-interaction-id")).toHaveLength(1);
    expect(ops.CreateDomesticPayments.parameters!.find((parameter) => parameter.name === "x-idempotency-key")).toMatchObject({
      required: true,
      example: EXAMPLE_UUID,
    });
    for (const { operation } of eachOperation(documents["uk-open-banking"]))
      for (const [status, response] of Object.entries(operation.responses!)) {
        expect(response.headers, status).toMatchObject({ "x-fapi-interaction-id": { $ref: "#/components/headers/x-fapi-interaction-id" } });
        expect(Boolean(response.headers?.["Retry-After"]), status).toBe(status === "429");
      }
    expect(documents["uk-open-banking"].components.headers["x-fapi-interaction-id"]).toMatchObject({ required: true });

    const [consent] = eachOperation(documents["berlin-group"]);
    const parameters = consent.operation.parameters!.map((parameter) =>
      parameter.$ref ? documents["berlin-group"].components.parameters[parameter.$ref.split("/").pop()!] : parameter,
    );
    // The gateway's name for the TPP's X-Request-ID never shows; the TPP's does, required.
    expect(parameters.map((parameter) => parameter.name)).toEqual(["psu-ip-address", "X-Request-ID", "Sandbox-Scenario"]);
    expect(parameters[1]).toMatchObject({ required: true, example: EXAMPLE_UUID, schema: { examples: [EXAMPLE_UUID] } });
    expect(consent.operation.responses!["201"].headers).toMatchObject({ "X-Request-ID": { $ref: "#/components/headers/X-Request-ID" } });
  });

  it("keeps the components the paths use, and the tags of the operations there are, in the standard's order", () => {
    // zod's input and output forms of the one schema the routes name.
    expect(Object.keys(documents["uk-open-banking"].components.schemas!)).toEqual(["FixtureOBReadConsent1", "FixtureOBReadConsent1Input"]);
    expect(documents.v1.components.schemas).toEqual({});
    expect(documents["uk-open-banking"].tags.map((tag) => tag.name)).toEqual(["Account Access", "Accounts", "Domestic Payments"]);
    expect(documents["uk-open-banking"].tags.every((tag) => tag.description)).toBe(true);
    expect(documents["uk-open-banking"].info).toMatchObject({ title: "UK Open Banking Read/Write API 4.0 (sandbox)", version: "4.0.0" });
    expect(documents["berlin-group"].info).toMatchObject({ title: "Berlin Group NextGenPSD2 1.3.11 (sandbox)", version: "1.3.11" });
  });
});

describe("the bank's standards' documents", () => {
  let t: TestApp;
  const documents = {} as Record<StandardKey, Document>;
  const routes: { method: string; url: string }[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.ready();
    for (const definition of standardDocuments) {
      const response = await t.app.inject({ url: definition.url });
      expect(response.statusCode, definition.url).toBe(200);
      documents[definition.key] = response.json();
    }
    routes.push(...servedRoutes(t.app.printRoutes({ commonPrefix: false })));
  });
  afterAll(() => t.close());

  it("are public, valid OpenAPI 3.1, and hold every route under their prefix", async () => {
    for (const definition of standardDocuments) {
      const document = documents[definition.key];
      expectValidOpenApi31(document);
      const documented = eachOperation(document).map(
        ({ method, path }) => `${method.toUpperCase()} ${definition.prefix}${path.slice(definition.keepInPaths.length)}`,
      );
      const served = routes.filter((route) => route.url.startsWith(`${definition.prefix}/`)).map((route) => `${route.method} ${route.url}`);
      expect(documented.sort()).toEqual(served.sort());
    }
  });

  it("keep /v1 out of the standards' documents and the standards out of /openapi.json", async () => {
    const sandbox = (await t.app.inject({ url: "/openapi.json" })).json() as Document;
    expect(Object.keys(sandbox.paths!).filter((path) => !path.startsWith("/v1/"))).toEqual([]);
    expect(Object.keys(documents["uk-open-banking"].paths!).filter((path) => !/^\/(aisp|pisp|cbpii)\//.test(path))).toEqual([]);
    expect(Object.keys(documents["berlin-group"].paths!).filter((path) => !path.startsWith("/v1/"))).toEqual([]);
    // The Berlin Group's /v1/accounts is not ours: no operation id of one document is in the other.
    const ids = (document: Document) => new Set(eachOperation(document).map(({ operation }) => operation.operationId));
    const v1 = ids(sandbox);
    for (const key of ["uk-open-banking", "berlin-group"] as const) expect([...ids(documents[key])].filter((id) => v1.has(id))).toEqual([]);
  });

  it.runIf(standardsAvailable())(
    "use the official operationId of the same method and path; print what of each official document is implemented",
    () => {
      const implemented = new Map<string, Set<string>>();
      const mismatches: string[] = [];
      const ours: string[] = [];
      for (const definition of standardDocuments) {
        for (const { method, path, operation } of eachOperation(documents[definition.key])) {
          const full = `${definition.prefix}${path.slice(definition.keepInPaths.length)}`;
          const official = findOfficialOperation(method, full);
          if (!official) {
            // The sandbox's own controls (a decoupled SCA's approval) are no operation of the standard's.
            if (operation.tags?.[0] === "Sandbox") ours.push(`${method.toUpperCase()} ${full} ${operation.operationId}`);
            else mismatches.push(`${method.toUpperCase()} ${full} (${operation.operationId}) is no operation of the official documents`);
            continue;
          }
          if (official.operationId !== operation.operationId)
            mismatches.push(
              `${method.toUpperCase()} ${full}: operationId ${operation.operationId}, the official document's is ${official.operationId}`,
            );
          if (!implemented.has(official.document)) implemented.set(official.document, new Set());
          implemented.get(official.document)!.add(`${official.method} ${official.template}`);
        }
      }
      const lines = STANDARD_DOCUMENTS.map((meta) => {
        const total = officialOperations(meta.name).length;
        return `  ${meta.file}: ${implemented.get(meta.name)?.size ?? 0} of ${total} operations implemented`;
      });
      console.log(
        [
          "Standards' documents against the official ones:",
          ...lines,
          ...(ours.length ? ["  the sandbox's own operations beside them:", ...ours.map((line) => `    ${line}`)] : []),
        ].join("\n"),
      );
      expect(mismatches).toEqual([]);
    },
  );
});

/**
 * Every route the app serves, read from Fastify's printed route tree (`├── /berlin-group/v1/consents (POST)`,
 * children indented four columns a level), in OpenAPI's `{param}` form; HEAD is Fastify's own copy of a GET.
 */
function servedRoutes(tree: string): { method: string; url: string }[] {
  const stack: string[] = [];
  const routes: { method: string; url: string }[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line.replace(/\s+$/, ""));
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    const url = stack.join("").replace(/:([A-Za-z0-9_-]+)/g, "{$1}");
    for (const method of match[3]?.split(", ") ?? []) if (method !== "HEAD") routes.push({ method, url });
  }
  return routes;
}
