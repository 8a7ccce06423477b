import { generateKeyPairSync, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { importJWK, SignJWT } from "jose";
import { custom, generators, Issuer, type BaseClient } from "openid-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { checkLedgerInvariants } from "../../mock-bank/src/domain/ledger/check-ledger-invariants";
import { BankBrowser } from "../support/bank-browser";
import { fapiApp, FAPI_REDIRECT, onlyRequestUri } from "../support/fapi-client";
import { PortalClient } from "../support/portal-client";
import { expectConformant, standardsAvailable } from "../support/standards-contract";

/**
 * UK Open Banking 4.0 account information as a partner's FAPI 2.0 client meets it, through the
 * real gateway and the bank: openid-client gets a client-credentials token (DPoP-bound), creates an
 * account-access-consent, pushes an authorization whose signed request object names it
 * (openbanking_intent_id), the customer signs in on the bank's pages, picks accounts and approves;
 * the token then reads accounts, balances and transactions, every answer checked against the
 * official document, and the same money read through /v1 with the app's key is the same. Ends
 * with the ledger invariants, and the app deleting the consent.
 */
const portalUrl = inject("portalUrl");
const portalDatabaseUrl = inject("portalDatabaseUrl");
// The bank's database sits beside the portal's (scripts/test-services.mjs): the same PostgreSQL, or bank.db beside portal.db.
const bankDatabaseUrl = portalDatabaseUrl.startsWith("file:") ? portalDatabaseUrl.replace(/portal\.db$/, "bank.db") : portalDatabaseUrl;
const AISP = `${portalUrl}/open-banking/v4.0/aisp`;
custom.setHttpOptionsDefaults({ timeout: 15_000 });
const checked = standardsAvailable();

type Fapi = Awaited<ReturnType<typeof fapiApp>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes are checked against the official document
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: any };

let developer: PortalClient;
let app: Fapi;
const dpop = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
const bankDb = createPrismaClient(bankDatabaseUrl);

beforeAll(async () => {
  developer = (await PortalClient.newDeveloper(portalUrl, "UK AIS Partner", { verified: true })).client;
  const issuer = await Issuer.discover(portalUrl);
  app = await fapiApp(issuer as Issuer<BaseClient>, developer, "uk-ais-partner");
}, 60_000);
afterAll(() => bankDb.$disconnect());

/** A UK call with a DPoP-bound token (its proof made by openid-client), checked against the document. */
async function uk(method: "GET" | "POST" | "DELETE", url: string, token: string, body?: unknown): Promise<Answer> {
  const response = await app.client.requestResource(url, token, {
    method,
    DPoP: dpop,
    headers: {
      "x-fapi-interaction-id": randomUUID(),
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = response.body ? response.body.toString() : "";
  const parsed = text ? JSON.parse(text) : undefined;
  const headers = response.headers as Answer["headers"];
  if (checked) expectConformant({ method, path: new URL(url).pathname, status: response.statusCode!, headers, body: parsed });
  return { status: response.statusCode!, headers, body: parsed };
}

/**
 * /v1 with the app's API key: the same sandbox. On a connection of its own (no keep-alive): the
 * calls come between long stretches of other clients' traffic, and a pooled socket the portal has
 * just timed out would fail the read ("other side closed") on a busy machine.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes are /v1's, checked by its own suites
function v1(path: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(new URL(path, portalUrl), { agent: false, headers: { authorization: `Bearer ${app.apiKey}` } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`${path}: ${response.statusCode} ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    call.on("error", reject);
    call.end();
  });
}

/** PAR with a signed request object naming the consent, the customer's walk through the bank, the code exchanged (DPoP). */
async function authorise(consentId: string, choose: (ids: string[]) => string[]) {
  const verifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const now = Math.floor(Date.now() / 1000);
  const request = await new SignJWT({
    client_id: app.clientId,
    response_type: "code",
    redirect_uri: FAPI_REDIRECT,
    scope: "openid accounts",
    state,
    nonce,
    code_challenge: generators.codeChallenge(verifier),
    code_challenge_method: "S256",
    claims: { id_token: { openbanking_intent_id: { value: consentId, essential: true } } },
  })
    .setProtectedHeader({ alg: "ES256", kid: app.signing.privateJwk.kid })
    .setIssuer(app.clientId)
    .setAudience(portalUrl)
    .setNotBefore(now)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(await importJWK(app.signing.privateJwk, "ES256"));
  const pushed = await app.client.pushedAuthorizationRequest({ request });
  const walk = await new BankBrowser(portalUrl).authorize(onlyRequestUri(app.client, pushed.request_uri as string), {
    persona: "good_credit",
    choose,
  });
  expect(walk.code, JSON.stringify(walk.location)).toBeTruthy();
  const tokens = await app.client.callback(
    FAPI_REDIRECT,
    app.client.callbackParams(walk.location!.toString()),
    { code_verifier: verifier, state, nonce },
    {
      DPoP: dpop,
    },
  );
  return { walk, tokens };
}

describe("UK Open Banking AIS through the gateway", () => {
  it("consent → PAR (openbanking_intent_id) → the customer approves → accounts, balances, transactions as /v1 shows them", async () => {
    const credentials = await app.client.grant({ grant_type: "client_credentials", scope: "accounts" }, { DPoP: dpop });
    expect(credentials.token_type).toBe("DPoP");
    const appToken = credentials.access_token!;

    const created = await uk("POST", `${AISP}/account-access-consents`, appToken, {
      Data: {
        Permissions: ["ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits"],
        ExpirationDateTime: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
      Risk: {},
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.Data.Status).toBe("AWAU");
    const consentId = created.body.Data.ConsentId as string;
    expect(created.body.Links.Self).toBe(`${AISP}/account-access-consents/${consentId}`);

    // The customer shares their current and savings accounts (not the card).
    const v1Accounts = await v1("/v1/accounts?limit=100");
    const persona = (await v1("/v1/customers?limit=100")).data.find(
      (customer: { persona: string }) => customer.persona === "good_credit",
    ).id;
    const own = (type: string) =>
      v1Accounts.data.find((one: { customer_id: string; type: string }) => one.customer_id === persona && one.type === type).id as string;
    const [current, savings, card] = [own("current"), own("savings"), own("credit_card")];
    const { walk, tokens } = await authorise(consentId, (ids) => ids.filter((id) => id === current || id === savings));
    expect(walk.consentPage?.html).toContain("See your balances");
    expect(tokens.token_type).toBe("DPoP");
    expect(tokens.claims().openbanking_intent_id).toBe(consentId);
    const customerToken = tokens.access_token!;

    const status = await uk("GET", `${AISP}/account-access-consents/${consentId}`, appToken);
    expect(status.body.Data.Status).toBe("AUTH");

    const accounts = await uk("GET", `${AISP}/accounts`, customerToken);
    expect(accounts.status).toBe(200);
    const accountIds = accounts.body.Data.Account.map((account: { AccountId: string }) => account.AccountId).sort();
    expect(accountIds).toEqual([current, savings].sort());
    expect(walk.chosen.sort()).toEqual(accountIds);
    for (const account of accounts.body.Data.Account) {
      const mirror = v1Accounts.data.find((one: { id: string }) => one.id === account.AccountId);
      expect(account.Account).toContainEqual(
        expect.objectContaining({
          SchemeName: "UK.OBIE.SortCodeAccountNumber",
          Identification: `${mirror.identifiers.sort_code}${mirror.identifiers.account_number}`,
        }),
      );
    }

    // Balances: the same money /v1 reports.
    const balances = await uk("GET", `${AISP}/balances`, customerToken);
    expect(balances.status).toBe(200);
    for (const accountId of accountIds) {
      const mirror = await v1(`/v1/accounts/${accountId}/balances`);
      const of = (type: string) =>
        balances.body.Data.Balance.find((b: { AccountId: string; Type: string }) => b.AccountId === accountId && b.Type === type);
      const signed = (b: { CreditDebitIndicator: string; Amount: { Amount: string } }) =>
        `${b.CreditDebitIndicator === "Debit" && b.Amount.Amount !== "0.00" ? "-" : ""}${b.Amount.Amount}`;
      expect(signed(of("ITBD"))).toBe(mirror.booked.amount);
      expect(signed(of("ITAV"))).toBe(mirror.available.amount);
    }

    // Transactions of the current account, every page: the same lines /v1 lists, in the same order.
    const ukLines: string[] = [];
    let next: string | undefined = `${AISP}/accounts/${current}/transactions`;
    while (next) {
      const page = await uk("GET", next, customerToken);
      expect(page.status).toBe(200);
      ukLines.push(...page.body.Data.Transaction.map((tx: { TransactionId: string }) => tx.TransactionId));
      next = page.body.Links.Next;
    }
    const v1Lines: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await v1(`/v1/accounts/${current}/transactions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      v1Lines.push(...page.data.map((tx: { id: string }) => tx.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(ukLines).toEqual(v1Lines);

    // The card was not shared: its resources are refused, and nothing of it shows in bulk.
    const refused = await uk("GET", `${AISP}/accounts/${card}/balances`, customerToken);
    expect(refused.status).toBe(403);
    expect(balances.body.Data.Balance.some((b: { AccountId: string }) => b.AccountId === card)).toBe(false);

    expect(await checkLedgerInvariants({ db: bankDb, tenantId: app.appId })).toEqual([]);

    // The app ends the consent: the customer's token stops at once.
    const deleted = await uk("DELETE", `${AISP}/account-access-consents/${consentId}`, appToken);
    expect(deleted.status).toBe(204);
    const after = await uk("GET", `${AISP}/accounts`, customerToken);
    expect(after.status).toBe(401);
    expect((await uk("GET", `${AISP}/account-access-consents/${consentId}`, appToken)).body.Data.Status).toBe("CANC");
  });

  it("refuses the customer's token without its DPoP proof, and the app's own token on customer data", async () => {
    const credentials = await app.client.grant({ grant_type: "client_credentials", scope: "accounts" }, { DPoP: dpop });
    const bare = await fetch(`${AISP}/accounts`, { headers: { authorization: `Bearer ${credentials.access_token}` } });
    expect(bare.status).toBe(401);
    expect(await bare.text()).toBe("");
    const own = await uk("GET", `${AISP}/accounts`, credentials.access_token!);
    expect(own.status).toBe(403);
  });
});
