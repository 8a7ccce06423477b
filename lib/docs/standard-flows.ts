import type { SandboxReference } from "@openbank/contracts/sandbox-reference";
import type { StandardKey } from "./standard-references";

/**
 * The stories the standards' Postman collections tell, folder by folder: which operations run in
 * which order, with which credential, and what each answer hands to the next request. Operations
 * are named by their official operationId and built from the standard's generated document
 * (path, headers, examples); only what the story decides is written here: the accounts it uses
 * (from the sandbox's seed, through its reference), bodies that must name them, captures and checks.
 * An operation the document does not hold yet is left out of its folder (which says so).
 */

/** A captured value: `from` is a JSON pointer into the answer's body, or `header:<name>`. */
export type FlowCapture = { variable: string; from: string };
/** What the answer must say: the value at a JSON pointer. */
export type FlowCheck = { pointer: string; equals?: string | boolean; oneOf?: string[] };

export type FlowAuth = { kind: "key" } | { kind: "bearer"; variable: string } | { kind: "client" } | { kind: "none" };

type StepBase = {
  name?: string;
  description?: string;
  auth?: FlowAuth;
  /** Path parameters by name (values may hold `{{variables}}`). */
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Dates computed from the sandbox's clock before the request: `{{variable}}` = its today + days. */
  dates?: { variable: string; daysAhead: number }[];
  /** The status it must answer (default: the document's success status). */
  expect?: number;
  captures?: FlowCapture[];
  checks?: FlowCheck[];
  prerequest?: string[];
  test?: string[];
  /** Collection variables its scripts set (listed in the collection, empty until it runs). */
  sets?: string[];
};

/** An operation of the standard's document, by its official operationId. */
export type OperationStep = StepBase & { operationId: string };
/** A sandbox control standing in for the customer: from the sandbox API's document, else as written here. */
export type SandboxStep = StepBase & { sandbox: { method: string; path: string } };
/** A request outside both documents: the authorization server's endpoints. */
export type OAuthStep = StepBase & {
  name: string;
  oauth: { method: "POST"; path: string; form: Record<string, string> };
  expect: number;
};
export type FlowStep = OperationStep | SandboxStep | OAuthStep;

export type FlowFolder = { name: string; description: string; steps: FlowStep[] };

export type Flow = {
  /** What the collection's description adds about running it. */
  runNote: string;
  /** Collection variables the developer fills in (the rest are captured). */
  variables: { key: string; value: string; description: string }[];
  folders: FlowFolder[];
};

type Account = { sortCode: string; accountNumber: string; iban: string; currency: string };

/** A persona's current account, as the seed makes it in every sandbox. */
function currentAccount(reference: SandboxReference, persona: string): Account {
  const account = reference.personas
    .find((candidate) => candidate.key === persona)
    ?.accounts.find((candidate) => candidate.type === "current");
  if (!account || !("iban" in account.identifiers)) throw new Error(`The sandbox reference has no current account for ${persona}.`);
  return {
    ...account.identifiers,
    sortCode: account.identifiers.sort_code,
    accountNumber: account.identifiers.account_number,
    currency: account.currency,
  };
}

const tpp: FlowAuth = { kind: "bearer", variable: "tppToken" };
const client: FlowAuth = { kind: "client" };

/** The PKCE pair and state of one authorization, made before the pushed request (CryptoJS ships with Postman's sandbox). */
const pkceScript = (prefix: string) => [
  "// PKCE (RFC 7636, S256): a fresh verifier each run, its SHA-256 as the challenge.",
  'const CryptoJS = require("crypto-js");',
  'const verifier = pm.variables.replaceIn("{{$guid}}{{$guid}}");',
  'const challenge = CryptoJS.SHA256(verifier).toString(CryptoJS.enc.Base64).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");',
  `pm.collectionVariables.set("${prefix}CodeVerifier", verifier);`,
  `pm.collectionVariables.set("${prefix}CodeChallenge", challenge);`,
];

/** After the pushed request: the URL to open in a browser, kept in a variable and printed. */
const authorizeUrlScript = (prefix: string, persona: string) => [
  "if (pm.response.code === 201) {",
  '  const url = pm.variables.replaceIn("{{baseUrl}}/oauth/authorize?client_id={{clientId}}&request_uri=") + encodeURIComponent(pm.response.json().request_uri);',
  `  pm.collectionVariables.set("${prefix}AuthorizeUrl", url);`,
  `  console.log("Open this in a browser, sign in as user_${persona} / pass_${persona} and approve; then copy the code from your redirect URI into ${prefix}Code:\\n" + url);`,
  "}",
];

/** The code exchange waits for the code the browser brought back; without it the request is skipped, not failed. */
const needsCodeScript = (prefix: string) => [
  `if (!pm.variables.get("${prefix}Code")) {`,
  `  console.log("Set ${prefix}Code (the code on your redirect URI after the customer approved) and send this request.");`,
  "  pm.execution.skipRequest();",
  "}",
];

function pushedAuthorization(prefix: string, scope: string, consentVariable: string, persona: string): OAuthStep {
  return {
    name: "Push the authorization request (PAR)",
    description: [
      `Pushes the authorization request for the consent in \`{{${consentVariable}}}\` (\`claims.id_token.openbanking_intent_id\`) with PKCE, and answers a \`request_uri\`.`,
      "",
      `**The browser step.** The test prints \`{{${prefix}AuthorizeUrl}}\` (also in the collection's variables): open it in a browser, sign in as \`user_${persona}\` / \`pass_${persona}\`, pick the accounts and approve. The bank sends the browser to your redirect URI with \`?code=…\`: copy that code into \`${prefix}Code\` and run the next folder.`,
    ].join("\n"),
    auth: client,
    oauth: {
      method: "POST",
      path: "/oauth/par",
      form: {
        response_type: "code",
        client_id: "{{clientId}}",
        redirect_uri: "{{redirectUri}}",
        scope: `openid ${scope}`,
        state: "{{$guid}}",
        nonce: "{{$guid}}",
        code_challenge: `{{${prefix}CodeChallenge}}`,
        code_challenge_method: "S256",
        claims: JSON.stringify({ id_token: { openbanking_intent_id: { value: `{{${consentVariable}}}`, essential: true } } }),
      },
    },
    expect: 201,
    captures: [{ variable: `${prefix}RequestUri`, from: "/request_uri" }],
    sets: [`${prefix}CodeVerifier`, `${prefix}CodeChallenge`, `${prefix}AuthorizeUrl`],
    prerequest: pkceScript(prefix),
    test: authorizeUrlScript(prefix, persona),
  };
}

function codeExchange(prefix: string, tokenVariable: string): OAuthStep {
  return {
    name: "Exchange the code for the customer's token",
    description: `Exchanges \`{{${prefix}Code}}\` (from the browser step) and the PKCE verifier for the customer's access token, kept in \`{{${tokenVariable}}}\`: it reaches only what the consent allows. Skipped while \`${prefix}Code\` is empty.`,
    auth: client,
    oauth: {
      method: "POST",
      path: "/oauth/token",
      form: {
        grant_type: "authorization_code",
        code: `{{${prefix}Code}}`,
        redirect_uri: "{{redirectUri}}",
        code_verifier: `{{${prefix}CodeVerifier}}`,
      },
    },
    expect: 200,
    captures: [{ variable: tokenVariable, from: "/access_token" }],
    prerequest: needsCodeScript(prefix),
  };
}

/** UK Open Banking 4.0: client credentials → consent → the customer authorises (browser) → calls. */
export function ukOpenBankingFlow(reference: SandboxReference): Flow {
  const payee = currentAccount(reference, "thin_file");
  const customer = { persona: "good_credit", name: reference.personas.find((persona) => persona.key === "good_credit")?.display_name };
  const initiation = {
    // A payment repeats its consent's Initiation exactly.
    InstructionIdentification: "POSTMAN-UK-0001",
    EndToEndIdentification: "POSTMAN-UK-0001",
    InstructedAmount: { Amount: "10.00", Currency: payee.currency },
    CreditorAccount: {
      SchemeName: "UK.OBIE.SortCodeAccountNumber",
      Identification: `${payee.sortCode}${payee.accountNumber}`,
      Name: reference.personas.find((persona) => persona.key === "thin_file")?.display_name ?? "Payee",
    },
    RemittanceInformation: { Unstructured: ["Postman collection"] },
  };
  const accountReads = [
    "GetAccountsAccountId",
    "GetAccountsAccountIdBalances",
    "GetAccountsAccountIdTransactions",
    "GetAccountsAccountIdBeneficiaries",
    "GetAccountsAccountIdDirectDebits",
    "GetAccountsAccountIdStandingOrders",
    "GetAccountsAccountIdScheduledPayments",
    "GetAccountsAccountIdParty",
    "GetAccountsAccountIdParties",
    "GetAccountsAccountIdProduct",
    "GetAccountsAccountIdStatements",
  ];
  const bulkReads = [
    "GetBalances",
    "GetTransactions",
    "GetBeneficiaries",
    "GetDirectDebits",
    "GetStandingOrders",
    "GetScheduledPayments",
    "GetProducts",
    "GetParty",
  ];
  const customerToken: FlowAuth = { kind: "bearer", variable: "customerToken" };
  const paymentToken: FlowAuth = { kind: "bearer", variable: "paymentToken" };
  return {
    runNote: [
      "**Before you run it**: set `clientId` and `clientSecret` (your app's OAuth client: its page, *OAuth client*), and add `{{redirectUri}}` to the app's redirect URIs (or set `redirectUri` to one of them).",
      "",
      "**Run it folder by folder.** The customer approves each consent in a browser: folders 3 and 7 push the authorization request and print the URL to open; sign in as the persona, approve, and copy the `code` from your redirect URI into `accountsCode` (or `paymentCode`) before running the folder after it. Every other request runs as it is; each tests its status and captures what the next ones use.",
    ].join("\n"),
    variables: [
      { key: "clientId", value: "", description: "Your app's OAuth client id (`cli_…`), on the app's page." },
      {
        key: "clientSecret",
        value: "",
        description: "Your app's OAuth client secret (made on the app's page, shown once). Never commit it.",
      },
      {
        key: "redirectUri",
        value: "https://oauth.pstmn.io/v1/callback",
        description: "One of your app's registered redirect URIs: the bank sends the customer's browser back there with the code.",
      },
      { key: "accountsCode", value: "", description: "The code from the browser step of folder 3." },
      { key: "paymentCode", value: "", description: "The code from the browser step of folder 7." },
    ],
    folders: [
      {
        name: "1 · The app's token (client credentials)",
        description: "The app's own access token, with the scopes of the APIs it calls for itself: consents and payment status.",
        steps: [
          {
            name: "Get a client-credentials token",
            auth: client,
            oauth: { method: "POST", path: "/oauth/token", form: { grant_type: "client_credentials", scope: "accounts payments" } },
            expect: 200,
            captures: [{ variable: "tppToken", from: "/access_token" }],
          },
        ],
      },
      {
        name: "2 · Account-access consent",
        description:
          "The app asks for access to the customer's account information; the consent waits for the customer (`AwaitingAuthorisation`).",
        steps: [
          {
            operationId: "CreateAccountAccessConsents",
            auth: tpp,
            body: {
              Data: {
                Permissions: [
                  "ReadAccountsDetail",
                  "ReadBalances",
                  "ReadBeneficiariesDetail",
                  "ReadDirectDebits",
                  "ReadStandingOrdersDetail",
                  "ReadScheduledPaymentsDetail",
                  "ReadTransactionsCredits",
                  "ReadTransactionsDebits",
                  "ReadTransactionsDetail",
                  "ReadParty",
                  "ReadProducts",
                  "ReadStatementsDetail",
                ],
              },
              Risk: {},
            },
            captures: [{ variable: "accountsConsentId", from: "/Data/ConsentId" }],
            checks: [{ pointer: "/Data/Status", equals: "AwaitingAuthorisation" }],
          },
          { operationId: "GetAccountAccessConsentsConsentId", auth: tpp, params: { ConsentId: "{{accountsConsentId}}" } },
        ],
      },
      {
        name: "3 · The customer authorises (in a browser)",
        description: `Pushes the authorization request naming the consent; then **open the printed URL in a browser**, sign in as ${customer.name ?? "the persona"} (\`user_${customer.persona}\` / \`pass_${customer.persona}\`), pick accounts, approve, and copy the \`code\` on your redirect URI into \`accountsCode\`.`,
        steps: [pushedAuthorization("accounts", "accounts", "accountsConsentId", customer.persona)],
      },
      {
        name: "4 · The customer's token",
        description: "Exchanges the code for the customer's access token.",
        steps: [codeExchange("accounts", "customerToken")],
      },
      {
        name: "5 · Read the shared accounts",
        description: "Account information with the customer's token: only the accounts and data clusters the consent grants.",
        steps: [
          { operationId: "GetAccounts", auth: customerToken, captures: [{ variable: "accountId", from: "/Data/Account/0/AccountId" }] },
          ...accountReads.map((operationId): OperationStep => ({
            operationId,
            auth: customerToken,
            params: { AccountId: "{{accountId}}" },
          })),
          ...bulkReads.map((operationId): OperationStep => ({ operationId, auth: customerToken })),
        ],
      },
      {
        name: "6 · Domestic-payment consent",
        description: `A payment of ${initiation.InstructedAmount.Amount} ${initiation.InstructedAmount.Currency} to the thin_file persona's current account (sort code ${payee.sortCode}, account ${payee.accountNumber}); the customer picks the account it leaves from.`,
        steps: [
          {
            operationId: "CreateDomesticPaymentConsents",
            auth: tpp,
            headers: { "x-idempotency-key": "{{$guid}}" },
            body: { Data: { Initiation: initiation, ReadRefundAccount: "No" }, Risk: {} },
            captures: [{ variable: "paymentConsentId", from: "/Data/ConsentId" }],
            checks: [{ pointer: "/Data/Status", equals: "AwaitingAuthorisation" }],
          },
          { operationId: "GetDomesticPaymentConsentsConsentId", auth: tpp, params: { ConsentId: "{{paymentConsentId}}" } },
        ],
      },
      {
        name: "7 · The customer authorises the payment (in a browser)",
        description:
          "As in folder 3, for the payment consent: open the printed URL, sign in, pick the account to pay from, approve, and copy the `code` into `paymentCode`.",
        steps: [pushedAuthorization("payment", "payments", "paymentConsentId", customer.persona)],
      },
      {
        name: "8 · The payment token",
        description: "Exchanges the code for the token that may make this one payment.",
        steps: [codeExchange("payment", "paymentToken")],
      },
      {
        name: "9 · Pay and follow the payment",
        description: "Confirms the funds, makes the payment (the consent is then `Consumed`) and reads where it is.",
        steps: [
          {
            operationId: "GetDomesticPaymentConsentsConsentIdFundsConfirmation",
            auth: paymentToken,
            params: { ConsentId: "{{paymentConsentId}}" },
            checks: [{ pointer: "/Data/FundsAvailableResult/FundsAvailable", equals: true }],
          },
          {
            operationId: "CreateDomesticPayments",
            auth: paymentToken,
            headers: { "x-idempotency-key": "{{$guid}}" },
            body: {
              Data: { ConsentId: "{{paymentConsentId}}", Initiation: initiation },
              Risk: {},
            },
            captures: [{ variable: "domesticPaymentId", from: "/Data/DomesticPaymentId" }],
          },
          { operationId: "GetDomesticPaymentsDomesticPaymentId", auth: tpp, params: { DomesticPaymentId: "{{domesticPaymentId}}" } },
          {
            operationId: "GetDomesticPaymentsDomesticPaymentIdPaymentDetails",
            auth: tpp,
            params: { DomesticPaymentId: "{{domesticPaymentId}}" },
          },
        ],
      },
      {
        name: "10 · Revoke the account access",
        description: "The app ends the account-access consent; the customer's token stops working.",
        steps: [{ operationId: "DeleteAccountAccessConsentsConsentId", auth: tpp, params: { ConsentId: "{{accountsConsentId}}" } }],
      },
    ],
  };
}

/** Berlin Group NextGenPSD2 1.3.11: consent → SCA (DECOUPLED, the sandbox control approves) → accounts → payment. */
export function berlinGroupFlow(reference: SandboxReference): Flow {
  const psu = "good_credit";
  const debtor = currentAccount(reference, psu);
  const payee = currentAccount(reference, "thin_file");
  const payeeName = reference.personas.find((persona) => persona.key === "thin_file")?.display_name ?? "Payee";
  const decoupled = { "PSU-ID": `user_${psu}`, "TPP-Decoupled-Preferred": "true", "PSU-IP-Address": "192.0.2.10" };
  const approve: SandboxStep = {
    name: "The customer approves in the bank's app (sandbox control)",
    description:
      "Plays the customer's banking app for a DECOUPLED authorisation: `approve` finalises it and what it authorised follows (the consent turns `valid`, the payment executes). A sandbox control of /v1, called with your sandbox key.",
    sandbox: { method: "POST", path: "/v1/sandbox/berlin-group/authorisations/{authorisationId}" },
    auth: { kind: "key" },
    body: { decision: "approve" },
  };
  return {
    runNote: [
      "**Run it as it is**: set `sandboxKey` (your app's sandbox key: it stands in for the TPP's eIDAS certificate) and run the whole collection. SCA is DECOUPLED: where the customer would approve in their banking app, a sandbox control approves for them, so the collection runs unattended.",
    ].join("\n"),
    variables: [],
    folders: [
      {
        name: "1 · Account-information consent",
        description: `A consent for ${psu}'s current account (${debtor.iban}): accounts, balances and transactions, DECOUPLED SCA preferred.`,
        steps: [
          {
            operationId: "createConsent",
            headers: decoupled,
            body: {
              access: { accounts: [{ iban: debtor.iban }], balances: [{ iban: debtor.iban }], transactions: [{ iban: debtor.iban }] },
              recurringIndicator: true,
              validUntil: "{{consentValidUntil}}",
              frequencyPerDay: 4,
              combinedServiceIndicator: false,
            },
            dates: [{ variable: "consentValidUntil", daysAhead: 90 }],
            captures: [{ variable: "consentId", from: "/consentId" }],
            checks: [{ pointer: "/consentStatus", equals: "received" }],
          },
          {
            operationId: "getConsentStatus",
            params: { consentId: "{{consentId}}" },
            checks: [{ pointer: "/consentStatus", equals: "received" }],
          },
          { operationId: "getConsentInformation", params: { consentId: "{{consentId}}" } },
        ],
      },
      {
        name: "2 · SCA (decoupled)",
        description: "The consent's authorisation waits for the customer's banking app; the sandbox control approves in its place.",
        steps: [
          {
            operationId: "getConsentAuthorisation",
            params: { consentId: "{{consentId}}" },
            captures: [{ variable: "consentAuthorisationId", from: "/authorisationIds/0" }],
          },
          { ...approve, params: { authorisationId: "{{consentAuthorisationId}}" } },
          {
            operationId: "getConsentScaStatus",
            params: { consentId: "{{consentId}}", authorisationId: "{{consentAuthorisationId}}" },
            checks: [{ pointer: "/scaStatus", equals: "finalised" }],
          },
          {
            operationId: "getConsentStatus",
            params: { consentId: "{{consentId}}" },
            checks: [{ pointer: "/consentStatus", equals: "valid" }],
          },
        ],
      },
      {
        name: "3 · Accounts",
        description: "Account information under the consent, named in `Consent-ID`.",
        steps: [
          {
            operationId: "getAccountList",
            headers: { "Consent-ID": "{{consentId}}" },
            query: { withBalance: "true" },
            captures: [{ variable: "accountId", from: "/accounts/0/resourceId" }],
          },
          { operationId: "readAccountDetails", headers: { "Consent-ID": "{{consentId}}" }, params: { "account-id": "{{accountId}}" } },
          { operationId: "getBalances", headers: { "Consent-ID": "{{consentId}}" }, params: { "account-id": "{{accountId}}" } },
          {
            operationId: "getTransactionList",
            headers: { "Consent-ID": "{{consentId}}" },
            params: { "account-id": "{{accountId}}" },
            query: { bookingStatus: "booked" },
          },
        ],
      },
      {
        name: "4 · SEPA credit transfer",
        description: `A payment of 10.00 ${debtor.currency} from ${debtor.iban} to ${payeeName} (${payee.iban}), DECOUPLED SCA, approved by the sandbox control.`,
        steps: [
          {
            operationId: "initiatePayment",
            params: { "payment-service": "payments", "payment-product": "sepa-credit-transfers" },
            headers: decoupled,
            body: {
              endToEndIdentification: "POSTMAN-BG-0001",
              debtorAccount: { iban: debtor.iban, currency: debtor.currency },
              instructedAmount: { currency: debtor.currency, amount: "10.00" },
              creditorAccount: { iban: payee.iban },
              creditorName: payeeName,
              remittanceInformationUnstructured: "Postman collection",
            },
            captures: [{ variable: "paymentId", from: "/paymentId" }],
          },
          {
            operationId: "getPaymentInitiationAuthorisation",
            params: { "payment-service": "payments", "payment-product": "sepa-credit-transfers", paymentId: "{{paymentId}}" },
            captures: [{ variable: "paymentAuthorisationId", from: "/authorisationIds/0" }],
          },
          { ...approve, params: { authorisationId: "{{paymentAuthorisationId}}" } },
          {
            operationId: "getPaymentInitiationScaStatus",
            params: {
              "payment-service": "payments",
              "payment-product": "sepa-credit-transfers",
              paymentId: "{{paymentId}}",
              authorisationId: "{{paymentAuthorisationId}}",
            },
            checks: [{ pointer: "/scaStatus", equals: "finalised" }],
          },
          {
            operationId: "getPaymentInitiationStatus",
            params: { "payment-service": "payments", "payment-product": "sepa-credit-transfers", paymentId: "{{paymentId}}" },
            checks: [{ pointer: "/transactionStatus", oneOf: ["ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "ACFC"] }],
          },
          {
            operationId: "getPaymentInformation",
            params: { "payment-service": "payments", "payment-product": "sepa-credit-transfers", paymentId: "{{paymentId}}" },
          },
        ],
      },
      {
        name: "5 · Funds confirmation",
        description: "Whether the account can pay an amount now.",
        steps: [
          {
            operationId: "checkAvailabilityOfFunds",
            body: { account: { iban: debtor.iban }, instructedAmount: { currency: debtor.currency, amount: "10.00" } },
            checks: [{ pointer: "/fundsAvailable", equals: true }],
          },
        ],
      },
      {
        name: "6 · End the consent",
        description: "The TPP deletes the consent (`terminatedByTpp`).",
        steps: [{ operationId: "deleteConsent", params: { consentId: "{{consentId}}" } }],
      },
    ],
  };
}

export const standardFlows: Record<StandardKey, (reference: SandboxReference) => Flow> = {
  "uk-open-banking": ukOpenBankingFlow,
  "berlin-group": berlinGroupFlow,
};
