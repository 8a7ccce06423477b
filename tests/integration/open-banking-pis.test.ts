import { createHash, randomUUID, type KeyObject } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { compactVerify, createRemoteJWKSet } from "jose";
import { custom, generators, Issuer, type BaseClient } from "openid-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { checkLedgerInvariants } from "../../mock-bank/src/domain/ledger/check-ledger-invariants";
import { BankBrowser } from "../support/bank-browser";
import { dpopKey, fapiApp, FAPI_REDIRECT, onlyRequestUri } from "../support/fapi-client";
import { PortalClient } from "../support/portal-client";
import { expectConformant, standardsAvailable } from "../support/standards-contract";

/**
 * UK Open Banking 4.0 payment initiation as a partner meets it: openid-client (a certified relying
 * party library) against the portal's one origin, through the real gateway and the bank. The app
 * (FAPI 2.0: private_key_jwt, DPoP-bound tokens) stages a consent with a client-credentials token,
 * pushes an authorization naming it (`openbanking_intent_id`), the customer picks the debtor account
 * on the bank's pages, and the customer's token pays it. Every answer is checked against the
 * official document; each flow ends with the ledger's invariants and the same money read through /v1.
 */
const portalUrl = inject("portalUrl");
const bankDatabaseUrl = inject("bankDatabaseUrl");
custom.setHttpOptionsDefaults({ timeout: 15_000 });

const PIS = "/open-banking/v4.0/pisp";
const CURRENT = "41825937";
const checked = standardsAvailable();

let issuer: Issuer<BaseClient>;
let developer: PortalClient;
let bankDb: PrismaClient;

beforeAll(async () => {
  developer = (await PortalClient.newDeveloper(portalUrl, "UK PIS Partner", { verified: true })).client;
  issuer = await Issuer.discover(portalUrl);
  bankDb = createPrismaClient(bankDatabaseUrl);
}, 60_000);
afterAll(() => bankDb?.$disconnect());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked against the document first
type Answer = { status: number; headers: Record<string, unknown>; body: any; raw: string };

/** A TPP: its FAPI 2.0 client, its DPoP key, its client-credentials token (scope payments), its API key for /v1. */
async function tpp(name: string) {
  const app = await fapiApp(issuer, developer, name);
  const dpop = dpopKey();
  const cc = await app.client.grant({ grant_type: "client_credentials", scope: "payments" }, { DPoP: dpop });
  expect(cc.token_type).toBe("DPoP");
  return { ...app, dpop, ccToken: cc.access_token! };
}
type Tpp = Awaited<ReturnType<typeof tpp>>;

/** One call of the Payment Initiation API with a DPoP-bound token, its answer checked against the document. */
async function pis(
  party: { client: BaseClient; dpop: KeyObject },
  token: string,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  options: { conformance?: boolean; key?: string } = {},
): Promise<Answer> {
  const response = await party.client.requestResource(`${portalUrl}${PIS}${path}`, token, {
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(method === "POST" ? { "x-idempotency-key": options.key ?? randomUUID() } : {}),
    },
    DPoP: party.dpop,
  });
  const raw = response.body ? response.body.toString() : "";
  const answer = {
    status: response.statusCode!,
    headers: response.headers as Record<string, unknown>,
    body: raw ? JSON.parse(raw) : undefined,
    raw,
  };
  if (checked && options.conformance !== false)
    expectConformant({
      method,
      path: `${PIS}${path}`,
      status: answer.status,
      headers: answer.headers as never,
      body: answer.body,
      standard: "uk-pisp",
    });
  return answer;
}

/** /v1 with the app's key (the same money, as /v1 reports it). */
async function v1(party: Tpp, method: string, path: string, body?: unknown) {
  const response = await fetch(`${portalUrl}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${party.apiKey}`,
      ...(body !== undefined ? { "content-type": "application/json", "idempotency-key": randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function accountId(party: Tpp, accountNumber: string): Promise<string> {
  const accounts = await v1(party, "GET", "/accounts?limit=100");
  return (accounts.body.data as { id: string; identifiers: Record<string, string> }[]).find(
    (a) => a.identifiers.account_number === accountNumber,
  )!.id;
}

const booked = async (party: Tpp, id: string) => (await v1(party, "GET", `/accounts/${id}/balances`)).body.booked.amount as string;
const pence = (amount: string) => Math.round(Number(amount) * 100);

/**
 * The customer's side: PAR naming the consent (claims → id_token → openbanking_intent_id), the bank's
 * pages (good_credit logs in, picks the debtor account, approves), then the code for DPoP-bound tokens.
 */
async function authorise(party: Tpp, consentId: string, debtorId: string) {
  const verifier = generators.codeVerifier();
  const checks = { code_verifier: verifier, state: generators.state(), nonce: generators.nonce() };
  const pushed = await party.client.pushedAuthorizationRequest({
    scope: "openid payments",
    redirect_uri: FAPI_REDIRECT,
    code_challenge: generators.codeChallenge(verifier),
    code_challenge_method: "S256",
    state: checks.state,
    nonce: checks.nonce,
    claims: JSON.stringify({ id_token: { openbanking_intent_id: { value: consentId, essential: true } } }),
  });
  const walk = await new BankBrowser(portalUrl).authorize(onlyRequestUri(party.client, pushed.request_uri as string), {
    persona: "good_credit",
    choose: (ids) => ids.filter((id) => id === debtorId),
  });
  expect(walk.code, JSON.stringify({ location: walk.location, page: walk.loginPage.html.slice(0, 300) })).toBeTruthy();
  expect(walk.accountIds).toContain(debtorId);
  const tokens = await party.client.callback(FAPI_REDIRECT, party.client.callbackParams(walk.location!.toString()), checks, {
    DPoP: party.dpop,
  });
  expect(tokens.token_type).toBe("DPoP");
  expect(tokens.claims().openbanking_intent_id).toBe(consentId);
  return tokens.access_token!;
}

const OB_CLAIMS = ["http://openbanking.org.uk/iat", "http://openbanking.org.uk/iss", "http://openbanking.org.uk/tan"];

/** The answer's x-jws-signature is the bank's detached JWS of its exact body, verifiable with the issuer's published keys. */
async function expectBankSignature(answer: Answer) {
  const [header, empty, signature] = String(answer.headers["x-jws-signature"]).split(".");
  expect(empty).toBe("");
  const jwks = createRemoteJWKSet(new URL(issuer.metadata.jwks_uri!));
  const verified = await compactVerify(`${header}.${Buffer.from(answer.raw).toString("base64url")}.${signature}`, jwks, {
    crit: Object.fromEntries(OB_CLAIMS.map((claim) => [claim, true])),
  });
  expect(verified.protectedHeader).toMatchObject({ alg: "ES256", crit: OB_CLAIMS, "http://openbanking.org.uk/iss": portalUrl });
}

/** The flow's end: a sound ledger, and the payments' webhook events in the bank's outbox. */
async function expectSoundLedgerAndEvents(party: Tpp, paymentIds: string[], types: string[]) {
  expect(await checkLedgerInvariants({ db: bankDb, tenantId: party.appId })).toEqual([]);
  const events = await bankDb.bankEvent.findMany({ where: { tenantId: party.appId, type: { startsWith: "payment." } } });
  for (const id of paymentIds) {
    const mine = events.filter((event) => event.payload.includes(id)).map((event) => event.type);
    for (const type of types) expect(mine, `${id}: ${mine.join(", ")}`).toContain(type);
  }
}

describe("UK Open Banking payment initiation through the gateway, with openid-client", () => {
  it("domestic: consent → funds confirmation → payment → consumed; the same money in /v1", async () => {
    const party = await tpp("uk-pis-domestic");
    const debtorId = await accountId(party, CURRENT);
    const before = await booked(party, debtorId);
    const body = {
      Data: {
        Initiation: {
          InstructionIdentification: "INTEGRATION-1",
          EndToEndIdentification: "INTEGRATION-E2E-1",
          LocalInstrument: "UK.OBIE.FPS",
          InstructedAmount: { Amount: "75.25", Currency: "GBP" },
          CreditorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "ACME Supplies" },
          RemittanceInformation: { Unstructured: ["Order 7731"] },
        },
      },
      Risk: { PaymentContextCode: "EcommerceMerchantInitiatedPayment" },
    };
    const staged = await pis(party, party.ccToken, "POST", "/domestic-payment-consents", body);
    expect(staged.status, staged.raw).toBe(201);
    expect(staged.headers["x-fapi-interaction-id"]).toBeTruthy();
    await expectBankSignature(staged);
    const consentId = staged.body.Data.ConsentId as string;
    expect(staged.body.Data.Status).toBe("AWAU");

    const token = await authorise(party, consentId, debtorId);
    expect((await pis(party, party.ccToken, "GET", `/domestic-payment-consents/${consentId}`)).body.Data.Status).toBe("AUTH");
    const funds = await pis(party, token, "GET", `/domestic-payment-consents/${consentId}/funds-confirmation`);
    expect(funds.body.Data.FundsAvailableResult.FundsAvailable).toBe(true);

    const key = randomUUID();
    const paid = await pis(
      party,
      token,
      "POST",
      "/domestic-payments",
      { Data: { ConsentId: consentId, Initiation: body.Data.Initiation }, Risk: body.Risk },
      { key },
    );
    expect(paid.status, paid.raw).toBe(201);
    expect(paid.body.Data.Status).toBe("ACSC");
    const paymentId = paid.body.Data.DomesticPaymentId as string;
    // A retry with the same key is the same answer; a second payment of the consent is refused.
    const replay = await pis(
      party,
      token,
      "POST",
      "/domestic-payments",
      { Data: { ConsentId: consentId, Initiation: body.Data.Initiation }, Risk: body.Risk },
      { key },
    );
    expect(replay.raw).toBe(paid.raw);
    const again = await pis(party, token, "POST", "/domestic-payments", {
      Data: { ConsentId: consentId, Initiation: body.Data.Initiation },
      Risk: body.Risk,
    });
    expect(again.status).toBe(400);
    expect(again.body.Errors[0].Message).toMatch(/^UK\.OBIE\.Resource\.InvalidConsentStatus/);
    expect((await pis(party, party.ccToken, "GET", `/domestic-payment-consents/${consentId}`)).body.Data.Status).toBe("COND");
    expect((await pis(party, party.ccToken, "GET", `/domestic-payments/${paymentId}`)).body.Data.Status).toBe("ACSC");
    expect((await pis(party, party.ccToken, "GET", `/domestic-payments/${paymentId}/payment-details`)).status).toBe(200);

    const payment = await v1(party, "GET", `/payments/${paymentId}`);
    expect(payment.body).toMatchObject({
      status: "completed",
      debtor_account_id: debtorId,
      amount: { amount: "75.25", currency: "GBP" },
      reference: "Order 7731",
    });
    expect(pence(await booked(party, debtorId))).toBe(pence(before) - 7525);
    await expectSoundLedgerAndEvents(party, [paymentId], ["payment.completed"]);
  });

  it("international: a consent priced with the sandbox's FX quote, paid at that rate, settled on the sandbox clock", async () => {
    const party = await tpp("uk-pis-international");
    const debtorId = await accountId(party, CURRENT);
    const before = await booked(party, debtorId);
    const body = {
      Data: {
        Initiation: {
          InstructionIdentification: "INTEGRATION-INTL",
          EndToEndIdentification: "INTEGRATION-INTL-E2E",
          CurrencyOfTransfer: "EUR",
          InstructedAmount: { Amount: "200.00", Currency: "GBP" },
          ExchangeRateInformation: { UnitCurrency: "GBP", RateType: "Actual" },
          CreditorAccount: { SchemeName: "UK.OBIE.IBAN", Identification: "DE89370400440532013000", Name: "Muster GmbH" },
        },
      },
      Risk: { PaymentContextCode: "TransferToThirdParty" },
    };
    const staged = await pis(party, party.ccToken, "POST", "/international-payment-consents", body);
    expect(staged.status, staged.raw).toBe(201);
    const consentId = staged.body.Data.ConsentId as string;
    const rate = staged.body.Data.ExchangeRateInformation;
    expect(rate.ContractIdentification).toMatch(/^fxq_/);
    const fee = staged.body.Data.Charges[0].Amount.Amount as string;

    const token = await authorise(party, consentId, debtorId);
    const funds = await pis(party, token, "GET", `/international-payment-consents/${consentId}/funds-confirmation`);
    expect(funds.body.Data.FundsAvailableResult.FundsAvailable).toBe(true);
    const paid = await pis(party, token, "POST", "/international-payments", {
      Data: { ConsentId: consentId, Initiation: body.Data.Initiation },
      Risk: body.Risk,
    });
    expect(paid.status, paid.raw).toBe(201);
    expect(paid.body.Data).toMatchObject({ Status: "ACSP", ExchangeRateInformation: rate });
    const paymentId = paid.body.Data.InternationalPaymentId as string;

    const advanced = await v1(party, "POST", "/sandbox/clock/advance", { days: 2 });
    expect(advanced.status).toBe(200);
    expect((await pis(party, party.ccToken, "GET", `/international-payments/${paymentId}`)).body.Data.Status).toBe("ACSC");
    const payment = await v1(party, "GET", `/payments/${paymentId}`);
    expect(payment.body).toMatchObject({
      status: "completed",
      scheme: "international",
      amount: { amount: "200.00", currency: "GBP" },
      fx: { quote_id: rate.ContractIdentification },
    });
    // What the statement says the payment took, beside whatever else the clock booked.
    const lines = await bankDb.bankTransaction.findMany({
      where: { accountId: debtorId, transactedAt: { gte: new Date(paid.body.Data.CreationDateTime) } },
    });
    const taken = lines.filter((line) => line.description === "To Muster GmbH" || line.description.includes(rate.ContractIdentification));
    expect(taken.reduce((sum, line) => sum + Number(line.amount), 0)).toBe(-(20000 + pence(fee)));
    expect(pence(await booked(party, debtorId))).toBeLessThanOrEqual(pence(before) - 20000 - pence(fee));
    await expectSoundLedgerAndEvents(party, [paymentId], ["payment.created", "payment.completed"]);
  });

  it("file: consent → upload → authorise → every payment of the file through the ledger, reported; the same money in /v1", async () => {
    const party = await tpp("uk-pis-file");
    const debtorId = await accountId(party, CURRENT);
    const before = await booked(party, debtorId);
    const payments = [1, 2, 3].map((n) => ({
      InstructionIdentification: `RUN-${n}`,
      EndToEndIdentification: `RUN-E2E-${n}`,
      InstructedAmount: { Amount: `${n * 10}.00`, Currency: "GBP" },
      CreditorAccount: {
        SchemeName: "UK.OBIE.SortCodeAccountNumber",
        Identification: `04000420000${String(n).padStart(3, "0")}`,
        Name: `Supplier ${n}`,
      },
    }));
    const file = JSON.stringify({ Data: { DomesticPayments: payments } });
    const initiation = {
      FileType: "UK.OBIE.PaymentInitiation.4.0",
      FileHash: createHash("sha256").update(file).digest("base64"),
      FileReference: "SUPPLIERS-12",
      NumberOfTransactions: "3",
      ControlSum: 60,
    };
    const staged = await pis(party, party.ccToken, "POST", "/file-payment-consents", { Data: { Initiation: initiation } });
    expect(staged.status, staged.raw).toBe(201);
    expect(staged.body.Data.Status).toBe("AWUP");
    const consentId = staged.body.Data.ConsentId as string;
    const uploaded = await pis(party, party.ccToken, "POST", `/file-payment-consents/${consentId}/file`, file);
    expect(uploaded.status, uploaded.raw).toBe(200);
    // The document's File schema is an empty object (no file fits it): status and headers are what can be checked.
    const stored = await pis(party, party.ccToken, "GET", `/file-payment-consents/${consentId}/file`, undefined, { conformance: false });
    expect(stored.raw).toBe(file);

    const token = await authorise(party, consentId, debtorId);
    const paid = await pis(party, token, "POST", "/file-payments", { Data: { ConsentId: consentId, Initiation: initiation } });
    expect(paid.status, paid.raw).toBe(201);
    expect(paid.body.Data.Status).toBe("INCO");
    const filePaymentId = paid.body.Data.FilePaymentId as string;
    const report = await pis(party, party.ccToken, "GET", `/file-payments/${filePaymentId}/report-file`, undefined, { conformance: false });
    expect(report.status).toBe(200);
    expect(report.body.Data.Summary).toEqual({ Accepted: 3, Rejected: 0, Pending: 0 });
    const ids = (report.body.Data.Payments as { PaymentId: string }[]).map((row) => row.PaymentId);
    const details = await pis(party, party.ccToken, "GET", `/file-payments/${filePaymentId}/payment-details`);
    expect(details.body.Data.PaymentStatus.map((entry: { PaymentTransactionId: string }) => entry.PaymentTransactionId)).toEqual(ids);

    for (const id of ids)
      expect((await v1(party, "GET", `/payments/${id}`)).body).toMatchObject({ status: "completed", debtor_account_id: debtorId });
    expect(pence(await booked(party, debtorId))).toBe(pence(before) - 6000);
    await expectSoundLedgerAndEvents(party, ids, ["payment.completed"]);
  });
});
