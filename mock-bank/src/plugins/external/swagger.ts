import fastifySwagger from "@fastify/swagger";
import fp from "fastify-plugin";
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from "fastify-type-provider-zod";
import { scopeDescriptions } from "../../domain/oauth/scopes";
import { scenarioCatalog } from "../../domain/sandbox/sandbox-scenario";
import { documentBounds } from "@openbank/contracts/openapi-bounds";
import { gatewayHeaders, pruneUnusedComponents, sandboxScenarioParameter } from "../../openapi/document-steps";

/**
 * The public OpenAPI 3.1 document, generated from the route schemas. The internal headers
 * the gateway adds never appear in route schemas, so they never appear here.
 */

const description = `The Open Bank sandbox: accounts, balances and transactions of test customers, in an
isolated sandbox per app, seeded on your first call with the same personas
(\`good_credit\`, \`thin_file\`, \`overdrawn\`, \`small_business\`, \`student\`, \`frozen_account\`).

Authenticate with your sandbox API key as a bearer token. Amounts are decimal strings with an
ISO 4217 currency; timestamps are RFC 3339 in UTC; lists are cursor-paginated
(\`limit\`, \`cursor\`, \`next_cursor\`); errors are RFC 9457 problem documents.

Test your error handling with the \`Sandbox-Scenario\` header, accepted by every operation
(${scenarioCatalog.map((info) => `\`${info.example}\``).join(", ")}),
and the **Sandbox** operations (reset, clock, simulated incoming payments, webhook events). The docs page
*Personas & magic values* lists every test customer, account and magic value.`;

type OpenApiDoc = ReturnType<ReturnType<typeof createJsonSchemaTransformObject>>;
type LooseDoc = { paths?: unknown; components?: { schemas?: Record<string, unknown> } & Record<string, unknown> };

type Operation = { responses?: Record<string, { headers?: Record<string, unknown> }> };

/** The gateway's response headers, documented once and referenced from every response that carries them. */
function documentGatewayHeaders(document: OpenApiDoc): OpenApiDoc {
  const doc = document as LooseDoc & { paths?: Record<string, Record<string, Operation>> };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const names = ["X-Request-Id", "RateLimit", "RateLimit-Policy", ...(status === "429" ? ["Retry-After"] : [])];
        response.headers = Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
      }
    }
  }
  return { ...doc, components: { ...doc.components, headers: gatewayHeaders } } as unknown as OpenApiDoc;
}

type OperationWithParameters = { parameters?: unknown[] };

/** The Sandbox-Scenario header, documented once and referenced by every operation (new routes included). */
function documentSandboxScenario(document: OpenApiDoc): OpenApiDoc {
  const doc = document as LooseDoc & { paths?: Record<string, Record<string, OperationWithParameters>> };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      operation.parameters = [...(operation.parameters ?? []), { $ref: "#/components/parameters/SandboxScenario" }];
    }
  }
  return { ...doc, components: { ...doc.components, parameters: { SandboxScenario: sandboxScenarioParameter } } } as unknown as OpenApiDoc;
}

/** The standards' own routes: each standard has its own document, never this one. */
export const STANDARD_PREFIXES = ["/open-banking/", "/berlin-group/"];

function withoutStandards(document: OpenApiDoc): OpenApiDoc {
  const doc = document as LooseDoc & { paths?: Record<string, unknown> };
  const paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).filter(([path]) => !STANDARD_PREFIXES.some((prefix) => path.startsWith(prefix))),
  );
  return { ...doc, paths } as unknown as OpenApiDoc;
}

export default fp(
  async function swagger(app, options: { portalUrl: string }) {
    const transformObject = createJsonSchemaTransformObject({});
    // Public (OWASP API9 asks servers to say so): every developer reaches it through the portal's gateway.
    const sandboxServer = { url: options.portalUrl, description: "Sandbox", "x-internal": false };
    await app.register(fastifySwagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "Open Bank Sandbox API",
          version: "1.0.0",
          description,
          contact: { name: "Open Bank developer portal", url: `${options.portalUrl.replace(/\/$/, "")}/docs` },
        },
        servers: [sandboxServer],
        tags: [
          {
            name: "Customers",
            description:
              "Customer onboarding (KYC): identity verification and sanctions screening, with documented magic values for each decision.",
          },
          { name: "Accounts", description: "Accounts and their balances." },
          { name: "Transactions", description: "Booked and pending transactions of an account." },
          {
            name: "Payments",
            description:
              "Payments out of your sandbox's accounts: internal transfers, UK payments by sort code or IBAN, and international payments with an FX quote. Every payment needs an `Idempotency-Key`.",
          },
          { name: "FX", description: "Foreign-exchange quotes (rate, fee, expiry) for international payments." },
          {
            name: "Products",
            description:
              "Deposit products (current account, savers, fixed-rate bonds) with their rates and access rules; open one with `POST /v1/accounts`.",
          },
          {
            name: "Investments",
            description:
              "The bank's investment funds with their SRRI risk levels and charges, and model-portfolio recommendations per risk profile with projected outcomes.",
          },
          {
            name: "Insurance",
            description: "Travel insurance: price a quote, buy a policy paid from an account, cancel within the cooling-off period.",
          },
          { name: "Rewards", description: "Reward points earned on credit card spending, and their redemption as cashback." },
          {
            name: "Lending",
            description:
              "Personal loans decided at once from the customer's credit score, income and existing debt (offers with APR, term and monthly payment, or a decline with reasons), disbursed to a current account and repaid as the sandbox clock moves; and buy-now-pay-later plans for purchases.",
          },
          {
            name: "Consents",
            description:
              "Customers' consents to your app (OAuth 2.0 authorization code + PKCE at `/oauth/authorize` and `/oauth/token`, or minted with `POST /v1/sandbox/consents`). A consent's access token reaches only the accounts and permissions the customer granted.",
          },
          {
            name: "Sandbox",
            description:
              "Controls of your own sandbox: reset it to its seed, move its clock forward, simulate incoming money, fire webhook events. Any call also takes a `Sandbox-Scenario` header to simulate latency and failures.",
          },
        ],
        components: {
          securitySchemes: {
            api_key: {
              type: "http",
              scheme: "bearer",
              bearerFormat: "sk_sandbox_…",
              description:
                "Your app's sandbox API key, `Authorization: Bearer sk_sandbox_…`. Create one in the portal under your app's keys; it only reaches your app's sandbox.",
            },
            consent_token: {
              type: "oauth2",
              description:
                "A customer's consent access token (`oat_…`, opaque: not a JWT), `Authorization: Bearer oat_…`, from the authorization code flow with PKCE (S256) or `POST /v1/sandbox/consents`. It reaches only the customer-data operations that list it, only with the granted permissions and only the shared accounts.",
              flows: {
                authorizationCode: {
                  authorizationUrl: `${options.portalUrl.replace(/\/$/, "")}/oauth/authorize`,
                  tokenUrl: `${options.portalUrl.replace(/\/$/, "")}/oauth/token`,
                  refreshUrl: `${options.portalUrl.replace(/\/$/, "")}/oauth/token`,
                  scopes: scopeDescriptions,
                },
              },
            },
          },
        },
        security: [{ api_key: [] }],
      },
      transform: createJsonSchemaTransform({}),
      transformObject: (document) =>
        documentBounds(documentSandboxScenario(documentGatewayHeaders(pruneUnusedComponents(withoutStandards(transformObject(document)))))),
    });
  },
  { name: "swagger" },
);
