import type { RouteOptions } from "fastify";
import { documentBounds } from "@openbank/contracts/openapi-bounds";
import { FRESH_UUID_EXAMPLE, FRESH_UUID_HEADERS } from "@openbank/contracts/fresh-values";
import { scenarioCatalog } from "../domain/sandbox/sandbox-scenario";
import { STANDARD_SCOPES } from "../domain/oauth/scopes";
import {
  eachOperation,
  gatewayHeaders,
  pruneUnusedComponents,
  sandboxScenarioParameter,
  type LooseDocument,
  type Operation,
} from "./document-steps";

/**
 * The standards' own OpenAPI documents, generated from the same routes and zod schemas that
 * validate the standards' requests (nothing here describes an operation): each document takes the
 * routes under its prefix, and adds what the routes do not declare themselves: its title and
 * servers, who may call each operation (from the route's `config.standardAccess`), the headers
 * the surface's hooks and the gateway read and answer on every call, and its tags' descriptions.
 */

export type StandardKey = "uk-open-banking" | "berlin-group";
type Access = NonNullable<NonNullable<RouteOptions["config"]>["standardAccess"]>;
type Parameter = { name: string; in: "header"; required: boolean; description: string; example?: string; schema: Record<string, unknown> };
type Header = { description: string; required?: boolean; schema: Record<string, unknown> };

export type StandardDocumentDefinition = {
  key: StandardKey;
  /** The routes' prefix on the bank and on the portal's origin. */
  prefix: string;
  /** The part of the prefix that stays in the document's paths (the Berlin Group's own `/v1`). */
  keepInPaths: string;
  /** Where the bank serves the document (public, beside /openapi.json). */
  url: string;
  /** @fastify/swagger's decorator for this document. */
  decorator: string;
  title: string;
  version: string;
  description: (portalUrl: string) => string;
  externalDocs: { description: string; url: string };
  tags: { name: string; description: string }[];
  securitySchemes: (portalUrl: string) => Record<string, unknown>;
  /** Who may call an operation, as OpenAPI security requirements (alternatives). */
  security: (access: Access | undefined) => Array<Record<string, string[]>>;
  /** Request headers every operation takes, as components.parameters. */
  parameters: Record<string, Parameter>;
  /** Response headers every answer carries, as components.headers; `only` narrows a header to some operations. */
  responseHeaders: Record<string, Header & { on?: (status: string, method: string) => boolean }>;
  /** Headers the bank sees under another name than the developer sends (the gateway renames them). */
  hiddenHeaders: string[];
};

const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/** Shown in examples of the headers each call needs a fresh value of; Try-it-out swaps it for a new UUID. */
export const EXAMPLE_UUID = FRESH_UUID_EXAMPLE;
const FRESH_HEADERS = new Set(FRESH_UUID_HEADERS);

const scopeText: Record<(typeof STANDARD_SCOPES)[number], string> = {
  accounts: "Account information: account-access consents, then the accounts the customer shares",
  payments: "Payment initiation: payment and VRP consents, then the payments they allow",
  fundsconfirmations: "Confirmation of funds: funds-confirmation consents, then the checks they allow",
};
const scopes = Object.fromEntries(STANDARD_SCOPES.map((scope) => [scope, scopeText[scope]]));

function scenarioParameter(errorFormat: string): Parameter {
  return {
    ...(sandboxScenarioParameter as Parameter),
    description: [
      `Makes this call slow or fail on purpose, to test your app's error handling, as on the sandbox's /v1. A comma-separated list, e.g. \`latency=2000\` or \`latency=1500, bank_unavailable\`; at most one failure. Failures are answered in this standard's terms (${errorFormat}); a simulated failure changes nothing.`,
      "",
      `Values: ${scenarioCatalog.map((info) => `\`${info.value}\``).join(", ")}. What each does is on the docs page *Personas & magic values*.`,
    ].join("\n"),
  };
}

const rateLimitHeaders = {
  RateLimit: gatewayHeaders.RateLimit,
  "RateLimit-Policy": gatewayHeaders["RateLimit-Policy"],
  "Retry-After": { ...gatewayHeaders["Retry-After"], on: (status: string) => status === "429" },
};

const ukTags = [
  ["Account Access", "Account-access consents: the app asks (Permissions, expiry, transaction window), the customer approves at the bank."],
  ["Accounts", "The accounts the customer shared, with their UK.OBIE.SortCodeAccountNumber and UK.OBIE.IBAN identifications."],
  ["Balances", "Booked and available balances, with the arranged overdraft or credit line."],
  ["Beneficiaries", "Payees the customer has paid from the account."],
  ["Direct Debits", "Direct-debit mandates on the account."],
  ["Offers", "Offers the bank makes on the account."],
  ["Parties", "The account holder (and, for the account, every party to it)."],
  ["Products", "The product behind the account."],
  ["Scheduled Payments", "Payments set up to leave the account on a future date."],
  ["Standing Orders", "Standing orders on the account."],
  ["Statements", "Statements of the account."],
  ["Transactions", "Booked and pending transactions, filtered by booking date."],
  ["Domestic Payments", "Single immediate payments in sterling: consent (with funds confirmation), then the payment."],
  ["Domestic Scheduled Payments", "Single payments on a future date."],
  ["Domestic Standing Orders", "Standing orders set up through the API."],
  ["International Payments", "Payments in another currency, priced with the sandbox's FX quotes."],
  ["International Scheduled Payments", "International payments on a future date."],
  ["International Standing Orders", "International standing orders set up through the API."],
  ["File Payments", "Bulk payments from an uploaded file (payroll and supplier runs): consent, file upload, then the payment."],
  ["Payment Details", "Where a payment is now: its scheme status and history."],
  ["Domestic VRP Consents", "Variable recurring payment consents with their control parameters (per payment, per period, in total)."],
  ["Domestic VRPs", "Payments under a VRP consent, refused with the standard's error once a limit is reached."],
  ["Funds Confirmations", "Confirmation of funds: a consent for one account, then yes/no answers for amounts."],
] as const;

const bgTags = [
  [
    "Account Information Service (AIS)",
    "Consents (`/v1/consents`) and their authorisations, then accounts, balances and transactions of the accounts a consent names, with `Consent-ID`.",
  ],
  [
    "Payment Initiation Service (PIS)",
    "Single and bulk payments by product (`sepa-credit-transfers`, `instant-sepa-credit-transfers`, `cross-border-credit-transfers`): initiate, read, status, cancel, authorise.",
  ],
  ["Confirmation of Funds Service (PIIS)", "Whether an account can pay an amount now."],
  ["Signing Baskets Service (SBS)", "Several transactions authorised with one SCA."],
  ["Common Services", "Authorisation sub-resources and SCA status, shared by consents and payments."],
  ["Sandbox", "Sandbox controls of the Berlin Group surface, standing in for what a customer would do elsewhere."],
] as const;

const requirements = (alternatives: Array<Record<string, string[]>>) => alternatives;

const portal = (portalUrl: string) => portalUrl.replace(/\/$/, "");

export const ukOpenBankingDocument: StandardDocumentDefinition = {
  key: "uk-open-banking",
  prefix: "/open-banking/v4.0",
  keepInPaths: "",
  url: "/openapi/uk-open-banking.json",
  decorator: "ukOpenBankingOpenapi",
  title: "UK Open Banking Read/Write API 4.0 (sandbox)",
  version: "4.0.0",
  description: (portalUrl) => `The sandbox's implementation of the UK Open Banking Read/Write API 4.0: account and transaction information
(\`/aisp\`), payment initiation and variable recurring payments (\`/pisp\`), and confirmation of funds (\`/cbpii\`),
over the same test customers, ledger and consents as the sandbox's own \`/v1\`. A payment made here shows in
\`/v1/payments\` and fires the same webhooks.

Generated from the schemas that validate these requests; the operation ids, paths and shapes are the official
documents' (Open Banking Limited, Open Licence). Operations of the standard the sandbox does not implement are
left out of this document.

**Flow.** 1. Get a client-credentials token of your app's OAuth client with the API's scope (\`accounts\`,
\`payments\` or \`fundsconfirmations\`) at \`${portal(portalUrl)}/oauth/token\`, and create the consent. 2. Push an
authorization request to \`${portal(portalUrl)}/oauth/par\` naming the consent (\`claims.id_token.openbanking_intent_id\`)
with scope \`openid <scope>\`. 3. The customer signs in at the bank (\`user_<persona>\` / \`pass_<persona>\`), picks the
accounts and approves. 4. Exchange the code for the customer's token, which reaches only what that consent allows.

Every answer carries \`x-fapi-interaction-id\` (yours, or one made up); errors are \`OBErrorResponse1\` with
\`UK.OBIE.*\` codes, and 401 and 404 come without a body.`,
  externalDocs: {
    description: "The UK Open Banking guide: the flow step by step with curl, Node and Python",
    url: "/docs/guides/uk-open-banking",
  },
  tags: ukTags.map(([name, description]) => ({ name, description })),
  securitySchemes: (portalUrl) => ({
    TPPOAuth2Security: {
      type: "oauth2",
      description:
        "A client-credentials token of your app's OAuth client (its id and secret, or a `private_key_jwt` assertion with a FAPI 2.0 profile), with the API's scope. The app calls the consent operations and reads its payments with it.",
      flows: { clientCredentials: { tokenUrl: `${portal(portalUrl)}/oauth/token`, scopes } },
    },
    PSUOAuth2Security: {
      type: "oauth2",
      description: `The customer's access token for one consent, from the authorization code flow as the FAPI 2.0 security profile asks: a pushed authorization request (\`${portal(portalUrl)}/oauth/par\`, PKCE S256, \`claims\` naming the consent as \`openbanking_intent_id\`), the customer's approval at \`/oauth/authorize\`, then \`/oauth/token\`. Swagger UI's Authorize button cannot name the consent: get the token as the guide shows and paste it in Try-it-out.`,
      flows: {
        authorizationCode: {
          authorizationUrl: `${portal(portalUrl)}/oauth/authorize`,
          tokenUrl: `${portal(portalUrl)}/oauth/token`,
          refreshUrl: `${portal(portalUrl)}/oauth/token`,
          scopes: { openid: "OpenID Connect: an id_token carrying openbanking_intent_id", ...scopes },
        },
      },
    },
    api_key: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "sk_sandbox_…",
      description:
        "Your app's sandbox API key, `Authorization: Bearer sk_sandbox_…`. The sandbox takes it wherever the app calls for itself (consents, payment status) in place of a client-credentials token, so you can try those operations before setting up OAuth. A real bank takes only the token.",
    },
  }),
  security: (access) =>
    requirements(
      !access
        ? []
        : access.caller === "app"
          ? [{ TPPOAuth2Security: [access.scope] }, { api_key: [] }]
          : [{ PSUOAuth2Security: [access.scope] }],
    ),
  parameters: {
    FapiInteractionId: {
      name: "x-fapi-interaction-id",
      in: "header",
      required: false,
      description: "An RFC 4122 UUID naming this request, answered back in `x-fapi-interaction-id`; left out, one is made up.",
      // The parameter's own example is what Swagger UI's Try-it-out fills the field with (then made fresh per call).
      example: EXAMPLE_UUID,
      schema: { type: "string", pattern: UUID_PATTERN, maxLength: 36, examples: [EXAMPLE_UUID] },
    },
    FapiAuthDate: {
      name: "x-fapi-auth-date",
      in: "header",
      required: false,
      description:
        "When the customer last logged in to your app, as an HTTP date (`Sun, 10 Sep 2017 19:43:31 GMT`). Accepted, not checked.",
      schema: { type: "string", maxLength: 29, examples: ["Sun, 10 Sep 2017 19:43:31 GMT"] },
    },
    FapiCustomerIpAddress: {
      name: "x-fapi-customer-ip-address",
      in: "header",
      required: false,
      description: "The customer's IP address, when the customer is present. Accepted, not checked.",
      schema: { type: "string", maxLength: 45, examples: ["104.25.212.99"] },
    },
    CustomerUserAgent: {
      name: "x-customer-user-agent",
      in: "header",
      required: false,
      description: "The customer's user agent, when the customer is present. Accepted, not checked.",
      schema: { type: "string", maxLength: 512 },
    },
    SandboxScenario: scenarioParameter("an `OBErrorResponse1`, or no body where the standard gives the status none"),
  },
  responseHeaders: {
    "x-fapi-interaction-id": {
      description: "The request's `x-fapi-interaction-id`, or the one made up for it.",
      required: true,
      schema: { type: "string", pattern: UUID_PATTERN, maxLength: 36 },
    },
    "x-jws-signature": {
      description:
        "The bank's detached JWS of the body, when your app has message signing on; verify it with the bank's keys (`/oauth/jwks`).",
      schema: { type: "string", maxLength: 4096 },
      on: (status) => status.startsWith("2"),
    },
    "X-Request-Id": gatewayHeaders["X-Request-Id"],
    ...rateLimitHeaders,
  },
  hiddenHeaders: [],
};

export const berlinGroupDocument: StandardDocumentDefinition = {
  key: "berlin-group",
  prefix: "/berlin-group/v1",
  keepInPaths: "/v1",
  url: "/openapi/berlin-group.json",
  decorator: "berlinGroupOpenapi",
  title: "Berlin Group NextGenPSD2 1.3.11 (sandbox)",
  version: "1.3.11",
  description: (portalUrl) => `The sandbox's implementation of the Berlin Group NextGenPSD2 XS2A Framework 1.3.11: consents and account
information, payment initiation (single and bulk) and confirmation of funds, under \`${portal(portalUrl)}/berlin-group\` so that its
\`/v1/accounts\` and \`/v1/consents\` never meet the sandbox's own \`/v1\`. The same test customers, ledger and consents
as \`/v1\`: a payment made here shows in \`/v1/payments\` and fires the same webhooks.

Generated from the schemas that validate these requests; the operation ids, paths and shapes are the official
document's (The Berlin Group, CC BY 4.0). Operations of the standard the sandbox does not implement are left out.

**TPP identity.** A real ASPSP knows the TPP by its eIDAS certificate on the TLS connection. The sandbox issues no
certificates for that: your app's API key, or a client-credentials token of its OAuth client, stands in for it.

**SCA.** REDIRECT (\`_links.scaRedirect\` to the bank's pages), DECOUPLED (approved or refused with a sandbox control,
standing in for the customer's banking app) and EMBEDDED (the customer's sandbox credentials and a fixed OTP, through
the API).

Every request needs \`X-Request-ID\` (a UUID), echoed on the answer; errors carry \`tppMessages\`.`,
  externalDocs: {
    description: "The Berlin Group guide: consent, SCA and payment step by step with curl, Node and Python",
    url: "/docs/guides/berlin-group",
  },
  tags: bgTags.map(([name, description]) => ({ name, description })),
  securitySchemes: (portalUrl) => ({
    api_key: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "sk_sandbox_…",
      description:
        "Your app's sandbox API key, `Authorization: Bearer sk_sandbox_…`: in the sandbox it stands in for the TPP's eIDAS certificate (QWAC), which a real ASPSP reads from the TLS connection.",
    },
    TPPOAuth2Security: {
      type: "oauth2",
      description:
        "Or a client-credentials token of your app's OAuth client with the service's scope (`accounts`, `payments` or `fundsconfirmations`), also standing in for the eIDAS certificate.",
      flows: { clientCredentials: { tokenUrl: `${portal(portalUrl)}/oauth/token`, scopes } },
    },
    BearerAuthOAuth: {
      type: "http",
      scheme: "bearer",
      description: "The customer's access token from the OAuth SCA approach, for the consent it was issued for.",
    },
  }),
  security: (access) =>
    requirements(
      !access ? [] : access.caller === "app" ? [{ api_key: [] }, { TPPOAuth2Security: [access.scope] }] : [{ BearerAuthOAuth: [] }],
    ),
  parameters: {
    XRequestId: {
      name: "X-Request-ID",
      in: "header",
      required: true,
      description: "A UUID you make up for each request, answered back in `X-Request-ID`. Missing or not a UUID: 400 `FORMAT_ERROR`.",
      example: EXAMPLE_UUID,
      schema: { type: "string", pattern: UUID_PATTERN, maxLength: 36, examples: [EXAMPLE_UUID] },
    },
    SandboxScenario: scenarioParameter("`tppMessages`, or no body where the standard gives the status none"),
  },
  responseHeaders: {
    "X-Request-ID": {
      description: "The request's `X-Request-ID` (one made up when it sent none).",
      required: true,
      schema: { type: "string", maxLength: 36, pattern: UUID_PATTERN },
    },
    "X-Sandbox-Request-ID": {
      description: "The sandbox's own id of this request (`req_…`), as your app's request log shows it. Quote it to support.",
      schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{1,128}$" },
    },
    ...rateLimitHeaders,
  },
  // The gateway hands the TPP's X-Request-ID to the bank as x-bg-request-id (x-request-id is its own).
  hiddenHeaders: ["x-bg-request-id"],
};

export const standardDocuments: readonly StandardDocumentDefinition[] = [ukOpenBankingDocument, berlinGroupDocument];

export const findStandardDocument = (key: string) => standardDocuments.find((definition) => definition.key === key);

/** @fastify/swagger's `openapi` option: what the routes do not say. */
export function standardOpenapiOptions(definition: StandardDocumentDefinition, portalUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: definition.title,
      version: definition.version,
      description: definition.description(portalUrl),
      contact: { name: "Open Bank developer portal", url: `${portal(portalUrl)}/docs` },
    },
    externalDocs: { ...definition.externalDocs, url: `${portal(portalUrl)}${definition.externalDocs.url}` },
    // Public (OWASP API9): every developer reaches it through the portal's gateway.
    servers: [
      {
        url: `${portal(portalUrl)}${definition.prefix.slice(0, definition.prefix.length - definition.keepInPaths.length)}`,
        description: "Sandbox",
        "x-internal": false,
      },
    ],
    tags: definition.tags,
    components: { securitySchemes: definition.securitySchemes(portalUrl) },
  };
}

type TransformInput = { schema: Record<string, unknown>; url: string; route: RouteOptions; openapiObject: unknown };
type TransformOutput = { schema: Record<string, unknown>; url: string };

/**
 * The route-level step (@fastify/swagger's `transform`): routes outside the standard's prefix are
 * hidden, the others lose the prefix their server carries and get who may call them.
 */
export function standardRouteTransform(
  definition: StandardDocumentDefinition,
  zodTransform: (input: TransformInput) => TransformOutput,
): (input: TransformInput) => TransformOutput {
  return (input) => {
    if (!input.url.startsWith(`${definition.prefix}/`)) return { schema: { hide: true }, url: input.url };
    const url = definition.keepInPaths + input.url.slice(definition.prefix.length);
    const transformed = zodTransform({ ...input, url });
    const security = definition.security(input.route.config?.standardAccess);
    return { schema: { ...transformed.schema, ...(security.length ? { security } : {}) }, url };
  };
}

const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** The document-level step (after zod's components are in): common headers, tags, bounds. */
export function finishStandardDocument<T>(definition: StandardDocumentDefinition, document: T): T {
  const doc = pruneUnusedComponents(document) as LooseDocument & { tags?: { name: string; description?: string }[] };
  const hidden = new Set(definition.hiddenHeaders);
  const usedTags = new Set<string>();
  for (const { method, operation } of eachOperation(doc)) {
    const own = (operation.parameters ?? []).filter((parameter) => !(parameter.in === "header" && hidden.has(String(parameter.name))));
    const declared = new Set(own.filter((parameter) => parameter.in === "header").map((parameter) => String(parameter.name).toLowerCase()));
    for (const parameter of own) {
      const name = String(parameter.name).toLowerCase();
      // A header each call needs a fresh value of: an example of the right shape, which Try-it-out fills
      // the field with (and swaps for a fresh UUID on every call).
      if (parameter.in === "header" && FRESH_HEADERS.has(name) && parameter.example === undefined) parameter.example = EXAMPLE_UUID;
    }
    // The surface's common headers, unless the route declares the header itself.
    const common = Object.entries(definition.parameters)
      .filter(([, parameter]) => !declared.has(parameter.name.toLowerCase()))
      .map(([name]) => parameterRef(name));
    operation.parameters = [...own, ...common];
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const headers = Object.entries(definition.responseHeaders)
        .filter(([, header]) => header.on?.(status, method) ?? true)
        .map(([name]) => [name, { $ref: `#/components/headers/${name}` }]);
      response.headers = { ...(response.headers ?? {}), ...Object.fromEntries(headers) };
    }
    for (const tag of operation.tags ?? []) usedTags.add(tag);
  }
  const responseHeaders = Object.fromEntries(
    Object.entries(definition.responseHeaders).map(([name, { on, ...header }]) => {
      void on; // which answers carry it is said above, per response
      return [name, header];
    }),
  );
  // Only the schemes some operation uses, and the tags of the operations there are (declared ones first, in order).
  const usedSchemes = new Set(eachOperation(doc).flatMap(({ operation }) => (operation.security ?? []).flatMap(Object.keys)));
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, unknown>;
  const declaredTags = (doc.tags ?? []).filter((tag) => usedTags.has(tag.name));
  const undeclaredTags = [...usedTags].filter((name) => !declaredTags.some((tag) => tag.name === name)).map((name) => ({ name }));
  return documentBounds({
    ...doc,
    tags: [...declaredTags, ...undeclaredTags],
    components: {
      ...doc.components,
      securitySchemes: Object.fromEntries(Object.entries(schemes).filter(([name]) => usedSchemes.has(name))),
      parameters: definition.parameters,
      headers: responseHeaders,
    },
  }) as unknown as T;
}

export type { Operation };
