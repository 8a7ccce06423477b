import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardsAvailable } from "../../tests/support/standards-contract";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import {
  accountsOf,
  advanceClock,
  authorise,
  domesticConsent,
  expectObError,
  paymentOf,
  pisClient,
  sandboxNow,
  scheduledConsent,
} from "./open-banking-pis-fixture";

/**
 * UK Open Banking 4.0 domestic scheduled payments: the money leaves on RequestedExecutionDateTime of
 * the tenant's clock, never before. Every answer is checked against the official document.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const DAY = 86_400_000;
const CURRENT = "41825937";
let t: TestApp;
let pis: ReturnType<typeof pisClient>;

beforeAll(async () => {
  if (!standardsAvailable()) return;
  t = await buildTestApp({ now: () => NOW });
  pis = pisClient(t.app);
});
afterAll(() => t?.close());

/** What the payment itself moved out of an account (the clock books other things too: card payments, interest). */
const movedBy = async (paymentId: string, accountId: string) => {
  const entries = await t.app.db.bankEntry.findMany({ where: { accountId, posting: { reference: paymentId } } });
  return entries.reduce((sum, entry) => sum + entry.amount, 0n);
};

async function scheduled(tenant: string, body: ReturnType<typeof scheduledConsent>) {
  const staged = await pis.post("/domestic-scheduled-payment-consents", body, { tenant });
  expect(staged.status, JSON.stringify(staged.body)).toBe(201);
  const debtor = (await accountsOf(t.app, tenant))(CURRENT);
  const consentId = staged.body.Data.ConsentId as string;
  const token = await authorise(t.app, { tenant, consentId, accountId: debtor.id });
  const paid = await pis.post("/domestic-scheduled-payments", paymentOf(consentId, body), { tenant, token });
  return { staged, consentId, token, debtor, paid };
}

describe.runIf(standardsAvailable())("UK PIS domestic scheduled payments", () => {
  it("stays PDNG and moves no money until its date on the sandbox clock, then pays (ACSC) at that instant", async () => {
    const tenant = "app_ukpis_sched";
    const at = new Date((await sandboxNow(t.app, tenant)).getTime() + 3 * DAY);
    const body = scheduledConsent(at, { amount: "42.00", reference: "Rent December" });
    const { staged, consentId, debtor, paid } = await scheduled(tenant, body);
    expect(staged.body.Data).toMatchObject({ Status: "AWAU", Permission: "Create", ExpectedExecutionDateTime: at.toISOString() });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.Data).toMatchObject({ Status: "PDNG", ExpectedExecutionDateTime: at.toISOString(), ConsentId: consentId });
    const id = paid.body.Data.DomesticScheduledPaymentId as string;
    expect((await pis.get(`/domestic-scheduled-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("COND");

    // /v1 sees it scheduled; nothing has moved.
    const v1 = await t.app.inject({ url: `/v1/payments/${id}`, headers: gatewayHeaders(tenant) });
    expect(v1.json()).toMatchObject({ status: "scheduled", settles_at: at.toISOString() });
    expect(await movedBy(id, debtor.id)).toBe(0n);

    await advanceClock(t.app, tenant, { days: 2 });
    expect((await pis.get(`/domestic-scheduled-payments/${id}`, { tenant })).body.Data.Status).toBe("PDNG");
    expect(await movedBy(id, debtor.id)).toBe(0n);

    await advanceClock(t.app, tenant, { days: 2 });
    const done = await pis.get(`/domestic-scheduled-payments/${id}`, { tenant });
    expect(done.body.Data.Status).toBe("ACSC");
    expect(done.body.Data.StatusUpdateDateTime).toBe(at.toISOString());
    expect(await movedBy(id, debtor.id)).toBe(-4200n);
    const history = (await pis.get(`/domestic-scheduled-payments/${id}/payment-details`, { tenant })).body.Data.PaymentStatus;
    expect(history.map((entry: { Status: string }) => entry.Status)).toEqual(["PDNG", "ACSC"]);

    // The statement line is dated the execution instant; events: created when scheduled, completed when paid.
    const line = await t.app.db.bankTransaction.findFirst({ where: { accountId: debtor.id, description: "Rent December" } });
    expect(line?.transactedAt.toISOString()).toBe(at.toISOString());
    const events = await t.app.db.bankEvent.findMany({
      where: { tenantId: tenant, type: { startsWith: "payment." } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.filter((event) => event.payload.includes(id)).map((event) => event.type)).toEqual([
      "payment.created",
      "payment.completed",
    ]);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("rejects it on its date when the account cannot pay then (RJCT, AM04, payment.failed), moving nothing", async () => {
    const tenant = "app_ukpis_sched_poor";
    const at = new Date((await sandboxNow(t.app, tenant)).getTime() + DAY);
    const body = scheduledConsent(at, { amount: "9000.00" });
    const { debtor, paid } = await scheduled(tenant, body);
    expect(paid.body.Data.Status).toBe("PDNG");
    await advanceClock(t.app, tenant, { days: 2 });
    const id = paid.body.Data.DomesticScheduledPaymentId;
    const rejected = await pis.get(`/domestic-scheduled-payments/${id}`, { tenant });
    expect(rejected.body.Data).toMatchObject({ Status: "RJCT", StatusReason: [expect.objectContaining({ StatusReasonCode: "AM04" })] });
    expect(await movedBy(id, debtor.id)).toBe(0n);
    const failed = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "payment.failed" } });
    expect(failed.some((event) => event.payload.includes(id))).toBe(true);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("rejects the magic amount at once, and refuses dates that are not ahead or too far ahead", async () => {
    const tenant = "app_ukpis_sched_err";
    const now = await sandboxNow(t.app, tenant);
    const magic = await scheduled(tenant, scheduledConsent(new Date(now.getTime() + DAY), { amount: "666.66" }));
    expect(magic.paid.body.Data).toMatchObject({ Status: "RJCT", StatusReason: [expect.objectContaining({ StatusReasonCode: "AM04" })] });
    for (const at of [new Date(now.getTime() - 60_000), new Date(now.getTime() + 400 * DAY)]) {
      const refused = await pis.post("/domestic-scheduled-payment-consents", scheduledConsent(at), { tenant });
      expectObError(refused, 400, "UK.OBIE.Field.InvalidDate");
      expect(refused.body.Errors[0].Path).toBe("Data.Initiation.RequestedExecutionDateTime");
    }
    const noPermission = scheduledConsent(new Date(now.getTime() + DAY)) as { Data: Record<string, unknown> };
    delete noPermission.Data.Permission;
    const refused = await pis.post("/domestic-scheduled-payment-consents", noPermission, { tenant });
    expectObError(refused, 400, "UK.OBIE.Field.Invalid");
    expect(refused.body.Errors[0].Path).toBe("Data.Permission");
  });

  it("keeps scheduled and immediate consents and payments apart, and refuses a changed date", async () => {
    const tenant = "app_ukpis_sched_sec";
    const now = await sandboxNow(t.app, tenant);
    const body = scheduledConsent(new Date(now.getTime() + DAY), { amount: "5.00" });
    const staged = await pis.post("/domestic-scheduled-payment-consents", body, { tenant });
    const consentId = staged.body.Data.ConsentId;
    expectObError(await pis.get(`/domestic-payment-consents/${consentId}`, { tenant }), 400, "UK.OBIE.Resource.NotFound");
    const token = await authorise(t.app, { tenant, consentId, accountId: (await accountsOf(t.app, tenant))(CURRENT).id });
    // Its token cannot pay it as an immediate payment…
    const immediate = domesticConsent({ amount: "5.00" });
    expectObError(
      await pis.post("/domestic-payments", paymentOf(consentId, immediate), { tenant, token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    // …nor on another date.
    const moved = structuredClone(body);
    moved.Data.Initiation.RequestedExecutionDateTime = new Date(now.getTime() + 2 * DAY).toISOString();
    expectObError(
      await pis.post("/domestic-scheduled-payments", paymentOf(consentId, moved), { tenant, token }),
      400,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    const paid = await pis.post("/domestic-scheduled-payments", paymentOf(consentId, body), { tenant, token });
    expect(paid.status).toBe(201);
    expectObError(
      await pis.get(`/domestic-payments/${paid.body.Data.DomesticScheduledPaymentId}`, { tenant }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    expectObError(
      await pis.post("/domestic-scheduled-payments", paymentOf(consentId, body), { tenant, token }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    expectObError(
      await pis.get(`/domestic-scheduled-payments/${paid.body.Data.DomesticScheduledPaymentId}`, { tenant: "app_ukpis_other2" }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
  });
});
