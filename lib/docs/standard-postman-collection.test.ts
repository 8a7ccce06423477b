import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import { buildSandboxReference } from "@/mock-bank/src/domain/sandbox/sandbox-reference";
import type { OpenApiDocumentLike } from "./api-areas";
import { POSTMAN_SCHEMA } from "./postman-collection";
import { buildStandardCollection, countStandardRequests, type StandardPostmanCollection } from "./standard-postman-collection";
import { standardFlows } from "./standard-flows";
import { findStandardReference, STANDARD_REFERENCES } from "./standard-references";

const reference = buildSandboxReference({ controls: [], magicValues: [] });
const goodCredit = reference.personas.find((persona) => persona.key === "good_credit")!.accounts[0];
const thinFile = reference.personas.find((persona) => persona.key === "thin_file")!.accounts[0];
const iban = (account: typeof goodCredit) => ("iban" in account.identifiers ? account.identifiers.iban : "");

const uuidHeader = (name: string, required = false) => ({
  name,
  in: "header",
  required,
  schema: { type: "string", examples: ["00000000-0000-4000-8000-000000000000"] },
});

/** A UK document as the bank generates it, with a few of the flow's operations. */
const ukDocument: OpenApiDocumentLike = {
  openapi: "3.1.0",
  info: { title: "UK Open Banking Read/Write API 4.0 (sandbox)", version: "4.0.0" },
  servers: [{ url: "https://portal.example.com/open-banking/v4.0" }],
  paths: {
    "/aisp/account-access-consents": {
      post: {
        operationId: "CreateAccountAccessConsents",
        summary: "Create an account-access consent",
        tags: ["Account Access"],
        security: [{ TPPOAuth2Security: ["accounts"] }, { api_key: [] }],
        parameters: [{ $ref: "#/components/parameters/FapiInteractionId" }],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "201": { description: "Created" } },
      },
    },
    "/aisp/accounts": {
      get: {
        operationId: "GetAccounts",
        summary: "Get accounts",
        tags: ["Accounts"],
        security: [{ PSUOAuth2Security: ["accounts"] }],
        responses: { "200": { description: "OK" } },
      },
    },
    "/aisp/accounts/{AccountId}/balances": {
      get: {
        operationId: "GetAccountsAccountIdBalances",
        summary: "Get an account's balances",
        tags: ["Balances"],
        security: [{ PSUOAuth2Security: ["accounts"] }],
        parameters: [{ name: "AccountId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "OK" } },
      },
    },
  },
  components: { parameters: { FapiInteractionId: uuidHeader("x-fapi-interaction-id") } },
};

/** A Berlin Group document with the payment and consent operations the flow starts with. */
const bgDocument: OpenApiDocumentLike = {
  openapi: "3.1.0",
  info: { title: "Berlin Group NextGenPSD2 1.3.11 (sandbox)", version: "1.3.11" },
  servers: [{ url: "https://portal.example.com/berlin-group" }],
  paths: {
    "/v1/consents": {
      post: {
        operationId: "createConsent",
        tags: ["Account Information Service (AIS)"],
        parameters: [
          { $ref: "#/components/parameters/XRequestId" },
          { name: "psu-ip-address", in: "header", required: true, schema: { type: "string", examples: ["192.0.2.1"] } },
          { name: "tpp-redirect-uri", in: "header", required: false, schema: { type: "string" } },
        ],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "201": { description: "Created" } },
      },
    },
    "/v1/consents/{consentId}/authorisations": {
      get: {
        operationId: "getConsentAuthorisation",
        tags: ["Account Information Service (AIS)"],
        parameters: [
          { name: "consentId", in: "path", required: true, schema: { type: "string" } },
          { $ref: "#/components/parameters/XRequestId" },
        ],
        responses: { "200": { description: "OK" } },
      },
    },
    "/v1/{payment-service}/{payment-product}": {
      post: {
        operationId: "initiatePayment",
        tags: ["Payment Initiation Service (PIS)"],
        parameters: [
          { name: "payment-service", in: "path", required: true, schema: { type: "string", enum: ["payments", "bulk-payments"] } },
          { name: "payment-product", in: "path", required: true, schema: { type: "string" } },
          { $ref: "#/components/parameters/XRequestId" },
        ],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "201": { description: "Created" } },
      },
    },
  },
  components: { parameters: { XRequestId: uuidHeader("X-Request-ID", true) } },
};

const sandboxDocument: OpenApiDocumentLike = {
  openapi: "3.1.0",
  servers: [{ url: "https://portal.example.com" }],
  paths: {
    "/v1/sandbox/berlin-group/authorisations/{authorisationId}": {
      post: { operationId: "decideBerlinGroupAuthorisation", responses: { "200": { description: "OK" } } },
    },
  },
};

const build = (key: "uk-open-banking" | "berlin-group", document: OpenApiDocumentLike) =>
  buildStandardCollection({
    standard: findStandardReference(key)!,
    document,
    sandboxDocument,
    reference,
    baseUrl: "https://portal.example.com/",
  });
const items = (collection: StandardPostmanCollection) => collection.item.flatMap((folder) => folder.item);
const named = (collection: StandardPostmanCollection, name: string) => items(collection).find((item) => item.name === name)!;
const header = (item: ReturnType<typeof named>, key: string) => item.request.header.find((candidate) => candidate.key === key);

describe("the UK Open Banking collection", () => {
  const { collection, missing } = build("uk-open-banking", ukDocument);

  it("is a v2.1 collection with the flow's folders in order, {{baseUrl}} set and the secrets left to fill in", () => {
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA);
    expect(collection.item.map((folder) => folder.name)).toEqual(
      standardFlows["uk-open-banking"](reference).folders.map((folder) => folder.name),
    );
    expect(collection.variable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "baseUrl", value: "https://portal.example.com" }),
        expect.objectContaining({ key: "clientId", value: "" }),
        expect.objectContaining({ key: "clientSecret", value: "" }),
        expect.objectContaining({ key: "tppToken", value: "" }),
        expect.objectContaining({ key: "accountsCodeVerifier", value: "" }),
      ]),
    );
    expect(collection.info.description).toContain("folder by folder");
  });

  it("gets the app's token with its client credentials, then creates the consent with it", () => {
    const token = named(collection, "Get a client-credentials token");
    expect(token.request).toMatchObject({
      method: "POST",
      url: { raw: "{{baseUrl}}/oauth/token" },
      auth: {
        type: "basic",
        basic: [
          { key: "username", value: "{{clientId}}" },
          { key: "password", value: "{{clientSecret}}" },
        ],
      },
      body: { mode: "urlencoded", urlencoded: expect.arrayContaining([{ key: "grant_type", value: "client_credentials" }]) },
    });
    expect(token.event.find((event) => event.listen === "test")!.script.exec.join("\n")).toContain('pm.collectionVariables.set("tppToken"');
    const consent = named(collection, "Create an account-access consent");
    expect(consent.request.url.raw).toBe("{{baseUrl}}/open-banking/v4.0/aisp/account-access-consents");
    expect(consent.request.auth).toEqual({ type: "bearer", bearer: [{ key: "token", value: "{{tppToken}}", type: "string" }] });
    expect(header(consent, "x-fapi-interaction-id")).toMatchObject({ value: "{{$guid}}" });
    expect(header(consent, "x-fapi-interaction-id")?.disabled).toBeUndefined();
    expect(JSON.parse(consent.request.body!.mode === "raw" ? consent.request.body!.raw : "{}").Data.Permissions).toContain("ReadBalances");
  });

  it("pushes the authorization request naming the consent, with PKCE, and explains the browser step", () => {
    // The payment's (folder 7) is left out with the payment consent it names.
    const par = items(collection).filter((item) => item.name === "Push the authorization request (PAR)");
    expect(par).toHaveLength(1);
    const form = Object.fromEntries(
      par[0].request.body!.mode === "urlencoded" ? par[0].request.body!.urlencoded.map((kv) => [kv.key, kv.value]) : [],
    );
    expect(form).toMatchObject({ scope: "openid accounts", code_challenge: "{{accountsCodeChallenge}}", code_challenge_method: "S256" });
    expect(JSON.parse(form.claims)).toEqual({ id_token: { openbanking_intent_id: { value: "{{accountsConsentId}}", essential: true } } });
    expect(par[0].request.description).toContain("The browser step");
    const exchange = named(collection, "Exchange the code for the customer's token");
    expect(exchange.event.find((event) => event.listen === "prerequest")!.script.exec.join("\n")).toContain("pm.execution.skipRequest()");
  });

  it("calls the customer's operations with the customer's token, filling path parameters with captured ids", () => {
    const balances = items(collection).find((item) => item.request.url.raw.endsWith("/balances"))!;
    expect(balances.request.url.raw).toBe("{{baseUrl}}/open-banking/v4.0/aisp/accounts/{{accountId}}/balances");
    expect(balances.request.auth).toEqual({ type: "bearer", bearer: [{ key: "token", value: "{{customerToken}}", type: "string" }] });
  });

  it("leaves out what the document does not hold, and what needs it, and says so in the folder", () => {
    expect(missing.map((step) => step.step)).toContain("CreateDomesticPaymentConsents");
    expect(missing.map((step) => step.step)).not.toContain("GetAccounts");
    const consent = collection.item.find((folder) => folder.name.startsWith("6 "))!;
    expect(consent.description).toContain("left out: `CreateDomesticPaymentConsents`");
    // What only the missing consent would have made possible is left out too, with the reason.
    const pay = collection.item.find((folder) => folder.name.startsWith("9 "))!;
    expect(pay.item).toEqual([]);
    expect(pay.description).toContain(
      "Left out with them, for want of what they would give: `GetDomesticPaymentConsentsConsentIdFundsConfirmation`",
    );
    expect(missing.find((step) => step.step === "CreateDomesticPayments")?.needs?.sort()).toEqual(["paymentConsentId", "paymentToken"]);
  });

  it("pays the thin_file persona's account, by its sort code and number from the seed", () => {
    const flow = JSON.stringify(standardFlows["uk-open-banking"](reference));
    const identifiers = thinFile.identifiers as { sort_code: string; account_number: string };
    expect(flow).toContain(`"Identification":"${identifiers.sort_code}${identifiers.account_number}"`);
  });
});

describe("the Berlin Group collection", () => {
  const { collection } = build("berlin-group", bgDocument);

  it("authorises with the sandbox key, sends a fresh X-Request-ID and the PSU's headers for DECOUPLED SCA", () => {
    expect(collection.auth).toEqual({ type: "bearer", bearer: [{ key: "token", value: "{{sandboxKey}}", type: "string" }] });
    const consent = items(collection)[0];
    expect(consent.request.url.raw).toBe("{{baseUrl}}/berlin-group/v1/consents");
    expect(consent.request.auth).toBeUndefined();
    expect(header(consent, "X-Request-ID")).toMatchObject({ value: "{{$guid}}" });
    expect(header(consent, "psu-ip-address")).toMatchObject({ value: "192.0.2.10" });
    expect(header(consent, "TPP-Decoupled-Preferred")).toMatchObject({ value: "true" });
    expect(header(consent, "tpp-redirect-uri")?.disabled).toBe(true);
    const body = JSON.parse(consent.request.body!.mode === "raw" ? consent.request.body!.raw : "{}");
    expect(body.access.accounts).toEqual([{ iban: iban(goodCredit) }]);
    expect(body.validUntil).toBe("{{consentValidUntil}}");
    expect(consent.event[0].script.exec.join("\n")).toContain("/v1/sandbox/clock");
  });

  it("approves the SCA with the sandbox control, and fills the payment's path with its service and product", () => {
    const approve = items(collection).find((item) => item.name.startsWith("The customer approves"))!;
    expect(approve.request.url.raw).toBe("{{baseUrl}}/v1/sandbox/berlin-group/authorisations/{{consentAuthorisationId}}");
    expect(JSON.parse(approve.request.body!.mode === "raw" ? approve.request.body!.raw : "{}")).toEqual({ decision: "approve" });
    const payment = items(collection).find((item) => item.request.url.raw.includes("sepa-credit-transfers"))!;
    expect(payment.request.url.raw).toBe("{{baseUrl}}/berlin-group/v1/payments/sepa-credit-transfers");
    expect(JSON.parse(payment.request.body!.mode === "raw" ? payment.request.body!.raw : "{}").creditorAccount).toEqual({
      iban: iban(thinFile),
    });
  });
});

describe("the collections over the bank's own documents", () => {
  let documents: Record<string, OpenApiDocumentLike>;
  beforeAll(async () => {
    documents = {
      sandbox: (await buildOpenApiDocument({ PORTAL_URL: "https://portal.example.com" })) as OpenApiDocumentLike,
      ...Object.fromEntries(
        await Promise.all(
          STANDARD_REFERENCES.map(async (standard) => [
            standard.key,
            (await buildOpenApiDocument({ PORTAL_URL: "https://portal.example.com" }, { standard: standard.key })) as OpenApiDocumentLike,
          ]),
        ),
      ),
    };
  }, 60_000);

  it("build from what the bank documents, and say what of each flow is not there yet", () => {
    for (const standard of STANDARD_REFERENCES) {
      const { collection, missing } = buildStandardCollection({
        standard,
        document: documents[standard.key],
        sandboxDocument: documents.sandbox,
        reference,
        baseUrl: "https://portal.example.com",
      });
      console.log(
        `${standard.label} collection: ${countStandardRequests(collection)} requests${missing.length ? `; not in the sandbox yet: ${missing.map((step) => step.step).join(", ")}` : ""}`,
      );
      expect(JSON.stringify(collection)).not.toMatch(/sk_sandbox_[0-9A-Za-z]{8,}/);
    }
  });
});
