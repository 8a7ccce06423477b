import { randomUUID } from "node:crypto";
import { flattenedVerify, importJWK, type JWK } from "jose";
import { custom, generators, Issuer, type BaseClient } from "openid-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { checkLedgerInvariants } from "../../mock-bank/src/domain/ledger/check-ledger-invariants";
import { BankBrowser } from "../support/bank-browser";
import { dpopKey, fapiApp, FAPI_REDIRECT as REDIRECT, onlyRequestUri } from "../support/fapi-client";
import { PortalClient } from "../support/portal-client";
import { expectConformant, standardsAvailable } from "../support/standards-contract";

/**
 * UK Open Banking 4.0 Variable Recurring Payments as a TPP meets them through the portal's
 * gateway, with openid-client as its OAuth client (FAPI 2.0: private_key_jwt, PAR with a signed
 * request object naming the consent in openbanking_intent_id, DPoP-bound tokens): the VRP
 * consent → the customer authorises it on the bank's pages → payments up to the monthly limit →
 * the next one refused with UK.OBIE.Rules.FailsControlParameters. Then the same money in /v1,
 * every answer checked against uk-ob-vrp-4.0.yaml and its x-jws-signature against /oauth/jwks,
 * and the ledger's invariants.
 */
const portalUrl = inject("portalUrl");
const bankDatabaseUrl = inject("bankDatabaseUrl");
custom.setHttpOptionsDefaults({ timeout: 10_000 });

const UK = `${portalUrl}/open-banking/v4.0/pisp`;
const DEBTOR = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "99001141825937", Name: "Alex Morgan" };
const SAVER = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "Sweep Saver" };

let issuer: Issuer<BaseClient>;
let developer: PortalClient;
let bankDb: ReturnType<typeof createPrismaClient>;
const checkConformance = standardsAvailable();

beforeAll(async () => {
  developer = (await PortalClient.newDeveloper(portalUrl, "VRP Partner", { verified: true })).client;
  issuer = await Issuer.discover(portalUrl);
  bankDb = createPrismaClient(bankDatabaseUrl);
}, 60_000);
afterAll(() => bankDb?.$disconnect());

type Answer = { status: number; headers: Record<string, string>; raw: string; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The bank's published message-signing key, as a TPP fetches it. */
async function bankKey(kid: string): Promise<JWK> {
  const { keys } = (await (await fetch(`${portalUrl}/oauth/jwks`)).json()) as { keys: JWK[] };
  const key = keys.find((candidate) => candidate.kid === kid);
  expect(key, `kid ${kid} in /oauth/jwks`).toMatchObject({ kty: "RSA", alg: "PS256", use: "sig" });
  return key!;
}

/** A detached x-jws-signature checked as the 4.0 profile says: PS256 over the body bytes, the three critical claims. */
async function expectSignedBody(answer: Answer) {
  const signature = answer.headers["x-jws-signature"];
  expect(signature, "x-jws-signature").toEqual(expect.any(String));
  const [protectedHeader, payload, value] = signature.split(".");
  expect(payload).toBe("");
  const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString()) as { kid: string };
  const key = await importJWK(await bankKey(header.kid), "PS256");
  const crit = { "http://openbanking.org.uk/iat": true, "http://openbanking.org.uk/iss": true, "http://openbanking.org.uk/tan": true };
  const verified = await flattenedVerify(
    { protected: protectedHeader, payload: Buffer.from(answer.raw).toString("base64url"), signature: value },
    key,
    { crit },
  );
  expect(Buffer.from(verified.payload).toString()).toBe(answer.raw);
  // The same signature over a changed body fails.
  const tampered = Buffer.from(`${answer.raw.slice(0, -1)} }`).toString("base64url");
  await expect(flattenedVerify({ protected: protectedHeader, payload: tampered, signature: value }, key, { crit })).rejects.toThrow();
}

/** A call to the UK surface with a DPoP-bound token, as openid-client makes it; the answer checked against the document. */
async function call(
  client: BaseClient,
  dpop: ReturnType<typeof dpopKey>,
  token: string,
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await client.requestResource(url, token, {
    method,
    DPoP: dpop,
    headers: { "x-fapi-interaction-id": randomUUID(), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = response.body ? String(response.body) : "";
  const answer: Answer = {
    status: response.statusCode!,
    headers: response.headers as Record<string, string>,
    raw,
    body: raw ? JSON.parse(raw) : undefined,
  };
  if (checkConformance)
    expectConformant({
      method,
      path: new URL(url).pathname,
      status: answer.status,
      headers: answer.headers,
      body: answer.body ?? "",
      standard: "uk-vrp",
    });
  if (answer.body) await expectSignedBody(answer);
  return answer;
}

describe("UK VRP through the gateway", () => {
  it("consent → authorise (PAR, openbanking_intent_id) → payments up to the limit → the next refused; /v1 and the ledger agree", async () => {
    const tpp = await fapiApp(issuer, developer, "vrp-tpp");
    // The same client, also signing its request objects (JAR at PAR).
    const client = new issuer.Client(
      { ...tpp.client.metadata, request_object_signing_alg: "ES256" },
      { keys: [tpp.signing.privateJwk as never] },
    );
    const dpop = dpopKey();

    // 1. The app's own token, and the consent: 100.00 a payment, 200.00 a month from today.
    const own = await client.grant({ grant_type: "client_credentials", scope: "payments" }, { DPoP: dpop });
    const consentBody = {
      Data: {
        ReadRefundAccount: "No",
        ControlParameters: {
          PSUAuthenticationMethods: ["UK.OBIE.SCA"],
          VRPType: ["UK.OBIE.VRPType.Sweeping"],
          MaximumIndividualAmount: { Amount: "100.00", Currency: "GBP" },
          PeriodicLimits: [{ PeriodType: "Month", PeriodAlignment: "Consent", Amount: "200.00", Currency: "GBP" }],
        },
        Initiation: { DebtorAccount: DEBTOR, CreditorAccount: SAVER, RemittanceInformation: { Unstructured: ["Sweep"] } },
      },
      Risk: { PaymentContextCode: "TransferToSelf" },
    };
    const created = await call(client, dpop, own.access_token!, "POST", `${UK}/domestic-vrp-consents`, consentBody, {
      "x-idempotency-key": randomUUID(),
    });
    expect(created.status, created.raw).toBe(201);
    expect(created.body.Data.Status).toBe("AWAU");
    const consentId = created.body.Data.ConsentId as string;

    // 2. PAR with a signed request object naming the consent; the customer approves on the bank's pages.
    const verifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const request = await client.requestObject({
      client_id: tpp.clientId,
      response_type: "code",
      redirect_uri: REDIRECT,
      scope: "openid payments",
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
      claims: { id_token: { openbanking_intent_id: { value: consentId, essential: true } } },
      // FAPI 2.0's request objects carry nbf too (openid-client adds iss, aud, iat, exp and jti).
      nbf: Math.floor(Date.now() / 1000),
    });
    const pushed = await client.pushedAuthorizationRequest({ request });
    const walk = await new BankBrowser(portalUrl).authorize(onlyRequestUri(client, pushed.request_uri as string), {
      persona: "good_credit",
    });
    expect(walk.consentPage?.html).toContain("variable recurring payments");
    expect(walk.accountIds).toHaveLength(1);
    expect(walk.code, JSON.stringify(walk.location)).toBeTruthy();
    const tokens = await client.callback(
      REDIRECT,
      client.callbackParams(walk.location!.toString()),
      { code_verifier: verifier, state, nonce },
      { DPoP: dpop },
    );
    expect(tokens.token_type).toBe("DPoP");
    expect(tokens.claims().openbanking_intent_id).toBe(consentId);

    const authorised = await call(client, dpop, own.access_token!, "GET", `${UK}/domestic-vrp-consents/${consentId}`);
    expect(authorised.body.Data).toMatchObject({ Status: "AUTH", DebtorAccount: { Identification: DEBTOR.Identification } });

    // 3. Funds, then payments up to the month's 200.00.
    const funds = await call(client, dpop, tokens.access_token!, "POST", `${UK}/domestic-vrp-consents/${consentId}/funds-confirmation`, {
      Data: { ConsentId: consentId, InstructedAmount: { Amount: "100.00", Currency: "GBP" } },
    });
    expect(funds.body.Data.FundsAvailableResult.FundsAvailable).toBe("Available");
    const instruction = (n: number, amount: string) => ({
      Data: {
        ConsentId: consentId,
        PSUAuthenticationMethod: "UK.OBIE.SCA",
        VRPType: "UK.OBIE.VRPType.Sweeping",
        Initiation: consentBody.Data.Initiation,
        Instruction: {
          InstructionIdentification: `sweep-${n}`,
          EndToEndIdentification: `sweep-${n}`,
          InstructedAmount: { Amount: amount, Currency: "GBP" },
          CreditorAccount: SAVER,
          RemittanceInformation: { Unstructured: ["Sweep"] },
        },
      },
      Risk: consentBody.Risk,
    });
    const ids: string[] = [];
    for (const [n, amount] of [
      [1, "80.00"],
      [2, "80.00"],
      [3, "40.00"],
    ] as const) {
      const paid = await call(client, dpop, tokens.access_token!, "POST", `${UK}/domestic-vrps`, instruction(n, amount), {
        "x-idempotency-key": randomUUID(),
      });
      expect(paid.status, paid.raw).toBe(201);
      expect(paid.body.Data.Status).toBe("ACSC");
      ids.push(paid.body.Data.DomesticVRPId);
    }
    const refused = await call(client, dpop, tokens.access_token!, "POST", `${UK}/domestic-vrps`, instruction(4, "0.01"), {
      "x-idempotency-key": randomUUID(),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.Errors[0]).toMatchObject({
      ErrorCode: "U014",
      Message: expect.stringMatching(/^UK\.OBIE\.Rules\.FailsControlParameters: /),
      Path: "ControlParameters.PeriodicLimits[0]",
    });
    const again = await call(client, dpop, own.access_token!, "GET", `${UK}/domestic-vrp-consents/${consentId}`);
    expect(again.body.Data.Status).toBe("AUTH");
    const read = await call(client, dpop, own.access_token!, "GET", `${UK}/domestic-vrps/${ids[0]}`);
    expect(read.body.Data).toMatchObject({ DomesticVRPId: ids[0], ConsentId: consentId, Status: "ACSC" });

    // 4. The same money in /v1: three completed payments from the authorised account, 200.00 in all.
    const v1 = await fetch(`${portalUrl}/v1/payments?limit=100`, { headers: { authorization: `Bearer ${tpp.apiKey}` } });
    expect(v1.status).toBe(200);
    const listed = (
      (await v1.json()).data as { id: string; status: string; amount: { amount: string }; debtor_account_id: string }[]
    ).filter((payment) => ids.includes(payment.id));
    expect(listed).toHaveLength(3);
    expect(listed.every((payment) => payment.status === "completed")).toBe(true);
    expect(listed.reduce((sum, payment) => sum + Math.round(Number(payment.amount.amount) * 100), 0)).toBe(20_000);
    const debtorId = listed[0].debtor_account_id;
    const consentRow = await bankDb.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
    expect(JSON.parse(consentRow.accountIds)).toEqual([debtorId]);
    const stored = await bankDb.bankPayment.findMany({ where: { consentId } });
    expect(stored.map((payment) => payment.id).sort()).toEqual([...ids].sort());

    // 5. The ledger's invariants hold in the app's sandbox.
    expect(await checkLedgerInvariants({ db: bankDb, tenantId: tpp.appId })).toEqual([]);
  }, 60_000);
});
