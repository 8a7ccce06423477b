import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMinor, formatMinor } from "@openbank/contracts/money";
import { buildTestApp, getAs, type TestApp } from "./helpers";
import { bg, consentBody, DECOUPLED, decideDecoupled, expectTpp, personaAccounts, registerClient } from "./berlin-group-fixture";

/** Berlin Group confirmation of funds (PIIS) against /v1's available balance. */

const TENANT = "app_bgfunds";
const OTHER = "app_bgfundsother";
let t: TestApp;
let mine: Awaited<ReturnType<typeof personaAccounts>>;
let available: bigint;

const ask = (body: unknown, headers: Record<string, string> = {}, tenant = TENANT) =>
  bg(t.app, { method: "POST", url: "/funds-confirmations", tenant, headers, body });
const gbp = (minor: bigint) => ({ currency: "GBP", amount: formatMinor(minor, "GBP") });

beforeAll(async () => {
  t = await buildTestApp();
  mine = await personaAccounts(t.app, TENANT);
  await registerClient(t.app, TENANT);
  await registerClient(t.app, OTHER);
  available = parseMinor((await getAs(t.app, TENANT, `/v1/accounts/${mine.current.id}/balances`)).body.available.amount, "GBP")!;
});
afterAll(() => t.close());

describe("POST /v1/funds-confirmations", () => {
  it("answers from the available balance, to the penny, converting another currency", async () => {
    expect((await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(available) })).body).toEqual({ fundsAvailable: true });
    expect((await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(available + 1n) })).body).toEqual({
      fundsAvailable: false,
    });
    expect(
      (await ask({ account: { iban: mine.current.iban }, instructedAmount: { currency: "EUR", amount: "10.00" }, payee: "Shop" })).body,
    ).toEqual({
      fundsAvailable: true,
    });
    const frozen = await personaAccounts(t.app, TENANT, "frozen_account");
    expect((await ask({ account: { iban: frozen.current.iban }, instructedAmount: gbp(1n) })).body).toEqual({ fundsAvailable: false });
  });

  it("refuses an unknown account, a bad amount, and a Consent-ID that is not this TPP's valid one", async () => {
    expectTpp(await ask({ account: { iban: "GB33BUKB20201555555555" }, instructedAmount: gbp(100n) }), 400, "RESOURCE_UNKNOWN");
    expectTpp(await ask({ account: { iban: mine.current.iban }, instructedAmount: { currency: "GBP", amount: "0" } }), 400, "FORMAT_ERROR");
    expectTpp(await ask({ account: { iban: mine.current.iban } }), 400, "FORMAT_ERROR");
    const created = await bg(t.app, {
      method: "POST",
      url: "/consents",
      tenant: TENANT,
      headers: DECOUPLED,
      body: consentBody([mine.current.iban!]),
    });
    expectTpp(
      await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(100n) }, { "consent-id": created.body.consentId }),
      401,
      "CONSENT_INVALID",
    );
    await decideDecoupled(t.app, TENANT, created.body._links.scaStatus.href.split("/").pop(), { decision: "approve" });
    expect(
      (await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(100n) }, { "consent-id": created.body.consentId })).body
        .fundsAvailable,
    ).toBe(true);
    expectTpp(
      await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(100n) }, { "consent-id": created.body.consentId }, OTHER),
      403,
      "CONSENT_UNKNOWN",
    );
    expectTpp(
      await ask({ account: { iban: mine.savings.iban }, instructedAmount: gbp(100n) }, { "consent-id": created.body.consentId }),
      401,
      "CONSENT_INVALID",
    );
  });

  it("needs a token with scope fundsconfirmations", async () => {
    const accountsOnly = await registerClient(t.app, TENANT, "accounts");
    const refused = await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(100n) }, { "x-consent-token": accountsOnly });
    expectTpp(refused, 401, "ROLE_INVALID");
    const allowed = await registerClient(t.app, TENANT, "fundsconfirmations");
    expect((await ask({ account: { iban: mine.current.iban }, instructedAmount: gbp(100n) }, { "x-consent-token": allowed })).status).toBe(
      200,
    );
  });
});
