import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardsAvailable, validateConformance } from "../../tests/support/standards-contract";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import {
  accountsOf,
  advanceClock,
  authorise,
  expectObError,
  fileConsent,
  fileEntry,
  PIS,
  paymentFile,
  pisClient,
  sandboxNow,
  type ObReply,
} from "./open-banking-pis-fixture";

/**
 * UK Open Banking 4.0 file payments: consent, upload, payment (each payment of the file through the
 * ledger), payment details and the report file. Every answer is checked against the official
 * document; the two answers whose schema the document leaves empty (`File`, an object with no
 * properties) are checked for everything else.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const DAY = 86_400_000;
const CURRENT = "41825937";
const SAVINGS = "41825945";
let t: TestApp;
let pis: ReturnType<typeof pisClient>;

beforeAll(async () => {
  if (!standardsAvailable()) return;
  t = await buildTestApp({ now: () => NOW });
  pis = pisClient(t.app);
});
afterAll(() => t?.close());

/**
 * The document's `File` schema (GET …/file, GET …/report-file) is an object with no properties and
 * `additionalProperties: false`: no real file fits it. Everything else of the answer must conform.
 */
function expectConformantButFileSchema(path: string, reply: ObReply) {
  const result = validateConformance({
    method: "GET",
    path: `${PIS}${path}`,
    status: reply.status,
    headers: reply.headers,
    body: reply.body,
    standard: "uk-pisp",
  });
  if (result.valid) return;
  for (const error of result.errors) expect(error).toMatch(/→ 200: body must NOT have additional properties/);
}

const movedBy = async (paymentId: string, accountId: string) => {
  const entries = await t.app.db.bankEntry.findMany({ where: { accountId, posting: { reference: paymentId } } });
  return entries.reduce((sum, entry) => sum + entry.amount, 0n);
};

/** Consent for the file, upload, authorisation: ready to pay. */
async function readyFile(tenant: string, entries: unknown[], overrides: Parameters<typeof fileConsent>[1] = {}) {
  const file = paymentFile(entries);
  const body = fileConsent(file, overrides);
  const staged = await pis.post("/file-payment-consents", body, { tenant });
  expect(staged.status, JSON.stringify(staged.body)).toBe(201);
  const consentId = staged.body.Data.ConsentId as string;
  const uploaded = await pis.post(`/file-payment-consents/${consentId}/file`, file.text, { tenant });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
  const debtor = (await accountsOf(t.app, tenant))(CURRENT);
  const token = await authorise(t.app, { tenant, consentId, accountId: debtor.id });
  return { file, body, staged, consentId, token, debtor };
}

const payFile = (tenant: string, ready: { consentId: string; body: ReturnType<typeof fileConsent>; token: string }, key?: string) =>
  pis.post(
    "/file-payments",
    { Data: { ConsentId: ready.consentId, Initiation: ready.body.Data.Initiation } },
    { tenant, token: ready.token, key },
  );

describe.runIf(standardsAvailable())("UK PIS file payments", () => {
  it("runs a payroll file: consent AWUP → upload → AWAU → AUTH → every payment through the ledger → COND, with a report", async () => {
    const tenant = "app_ukpis_file";
    const entries = [
      fileEntry(1, "1200.00"),
      fileEntry(2, "950.50"),
      fileEntry(3, "100.00", { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: `990011${SAVINGS}`, Name: "Own savings" }),
    ];
    const file = paymentFile(entries);
    const body = fileConsent(file, { count: "3", sum: 2250.5 });
    const staged = await pis.post("/file-payment-consents", body, { tenant });
    expect(staged.status).toBe(201);
    expect(staged.body.Data).toMatchObject({ Status: "AWUP", Initiation: body.Data.Initiation });
    const consentId = staged.body.Data.ConsentId;
    expectObError(await pis.get(`/file-payment-consents/${consentId}/file`, { tenant }), 400, "UK.OBIE.Resource.NotFound");

    const uploaded = await pis.post(`/file-payment-consents/${consentId}/file`, file.text, { tenant });
    expect(uploaded.status).toBe(200);
    expect(uploaded.raw).toBe("");
    expect((await pis.get(`/file-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("AWAU");
    const read = await pis.get(`/file-payment-consents/${consentId}/file`, { tenant, unchecked: true });
    expect(read.status).toBe(200);
    expect(read.raw).toBe(file.text);
    expectConformantButFileSchema(`/file-payment-consents/${consentId}/file`, read);

    const debtor = (await accountsOf(t.app, tenant))(CURRENT);
    const token = await authorise(t.app, { tenant, consentId, accountId: debtor.id });
    expect((await pis.get(`/file-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("AUTH");
    const paid = await payFile(tenant, { consentId, body, token });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.Data).toMatchObject({ ConsentId: consentId, Status: "INCO", Initiation: body.Data.Initiation });
    expect(paid.body.Data.FilePaymentId).toMatch(/^fpy_/);
    expect(paid.body.Data.StatusReason).toBeUndefined();
    const id = paid.body.Data.FilePaymentId;
    expect((await pis.get(`/file-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("COND");

    const payments = await t.app.db.bankPayment.findMany({ where: { tenantId: tenant, consentId }, orderBy: { createdAt: "asc" } });
    expect(payments).toHaveLength(3);
    expect(payments.every((payment) => payment.status === "completed")).toBe(true);
    let moved = 0n;
    for (const payment of payments) moved += await movedBy(payment.id, debtor.id);
    expect(moved).toBe(-225050n);

    expect((await pis.get(`/file-payments/${id}`, { tenant })).body.Data.Status).toBe("INCO");
    const details = await pis.get(`/file-payments/${id}/payment-details`, { tenant });
    expect(details.body.Data.PaymentStatus.map((entry: { Status: string }) => entry.Status)).toEqual(["ACSC", "ACSC", "ACCC"]);
    const report = await pis.get(`/file-payments/${id}/report-file`, { tenant, unchecked: true });
    expectConformantButFileSchema(`/file-payments/${id}/report-file`, report);
    expect(report.body.Data).toMatchObject({
      FilePaymentId: id,
      ConsentId: consentId,
      FileReference: "PAYROLL-DEC",
      NumberOfTransactions: "3",
      ControlSum: 2250.5,
      Summary: { Accepted: 3, Rejected: 0, Pending: 0 },
    });
    expect(report.body.Data.Payments.map((row: { InstructionIdentification: string }) => row.InstructionIdentification)).toEqual([
      "PAYROLL-1",
      "PAYROLL-2",
      "PAYROLL-3",
    ]);

    // The same money in /v1, and its webhook events.
    const v1 = await t.app.inject({ url: `/v1/payments?debtor_account_id=${debtor.id}&limit=100`, headers: gatewayHeaders(tenant) });
    const listed = (v1.json().data as { id: string; status: string }[]).filter((payment) => payments.some((p) => p.id === payment.id));
    expect(listed.map((payment) => payment.status)).toEqual(["completed", "completed", "completed"]);
    const completed = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "payment.completed" } });
    for (const payment of payments) expect(completed.some((event) => event.payload.includes(payment.id))).toBe(true);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("makes what it can and rejects the rest on its own (AM04), reported; the magic amount too", async () => {
    const tenant = "app_ukpis_file_part";
    const ready = await readyFile(tenant, [fileEntry(1, "10.00"), fileEntry(2, "9000.00"), fileEntry(3, "666.66"), fileEntry(4, "5.00")]);
    const paid = await payFile(tenant, ready);
    expect(paid.status).toBe(201);
    expect(paid.body.Data.Status).toBe("INCO");
    expect(paid.body.Data.StatusReason[0].StatusReasonDescription).toMatch(/2 of 4/);
    const report = await pis.get(`/file-payments/${paid.body.Data.FilePaymentId}/report-file`, { tenant, unchecked: true });
    expect(report.body.Data.Summary).toEqual({ Accepted: 2, Rejected: 2, Pending: 0 });
    expect(report.body.Data.Payments.map((row: { Status: string }) => row.Status)).toEqual(["ACSC", "RJCT", "RJCT", "ACSC"]);
    expect(report.body.Data.Payments[1].StatusReason.StatusReasonCode).toBe("AM04");
    const failed = await t.app.db.bankPayment.findMany({ where: { tenantId: tenant, consentId: ready.consentId, status: "failed" } });
    for (const payment of failed) expect(await movedBy(payment.id, ready.debtor.id)).toBe(0n);
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant, type: "payment.failed" } })).toBe(2);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("holds a dated file until its date on the sandbox clock (PDNG), then pays it (INCO)", async () => {
    const tenant = "app_ukpis_file_dated";
    const at = new Date((await sandboxNow(t.app, tenant)).getTime() + 2 * DAY);
    const ready = await readyFile(tenant, [fileEntry(1, "10.00"), fileEntry(2, "20.00")], { requestedAt: at.toISOString() });
    const paid = await payFile(tenant, ready);
    expect(paid.body.Data.Status).toBe("PDNG");
    const id = paid.body.Data.FilePaymentId;
    expect((await pis.get(`/file-payments/${id}/report-file`, { tenant, unchecked: true })).body.Data.Summary).toEqual({
      Accepted: 0,
      Rejected: 0,
      Pending: 2,
    });
    await advanceClock(t.app, tenant, { days: 3 });
    expect((await pis.get(`/file-payments/${id}`, { tenant })).body.Data.Status).toBe("INCO");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("checks the upload against the consent: hash, count, total, format, once", async () => {
    const tenant = "app_ukpis_file_upload";
    const entries = [fileEntry(1, "10.00"), fileEntry(2, "20.00")];
    const file = paymentFile(entries);
    const stage = async (overrides: Parameters<typeof fileConsent>[1] = {}, f = file) =>
      (await pis.post("/file-payment-consents", fileConsent(f, overrides), { tenant })).body.Data.ConsentId as string;
    const upload = (consentId: string, text: string, key?: string) =>
      pis.post(`/file-payment-consents/${consentId}/file`, text, { tenant, key });

    const other = paymentFile([fileEntry(1, "10.00")]);
    const wrongHash = await upload(await stage({}, other), file.text);
    expectObError(wrongHash, 400, "UK.OBIE.Resource.ConsentMismatch");
    expect(wrongHash.body.Errors[0].Path).toBe("Data.Initiation.FileHash");
    expectObError(await upload(await stage({ count: "3" }), file.text), 400, "UK.OBIE.Resource.ConsentMismatch");
    expectObError(await upload(await stage({ sum: 30.01 }), file.text), 400, "UK.OBIE.Resource.ConsentMismatch");
    expectObError(await upload(await stage(), "{not json"), 400, "UK.OBIE.Resource.InvalidFormat");
    const badSortCode = paymentFile([
      fileEntry(1, "10.00"),
      fileEntry(2, "5.00", { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "00000012345678", Name: "Nobody" }),
    ]);
    const refused = await upload(await stage({}, badSortCode), badSortCode.text);
    expectObError(refused, 400, "UK.OBIE.Field.Invalid");
    expect(refused.body.Errors[0].Path).toBe("File.Data.DomesticPayments[1].CreditorAccount.Identification");
    const withDebtor = paymentFile([
      { ...fileEntry(1, "10.00"), DebtorAccount: { SchemeName: "UK.OBIE.IBAN", Identification: "GB96OBSX99001141825937" } },
    ]);
    expectObError(await upload(await stage({}, withDebtor), withDebtor.text), 400, "UK.OBIE.Field.Unexpected");

    const consentId = await stage({ count: "2", sum: 30 });
    expect((await upload(consentId, file.text, "upload-once")).status).toBe(200);
    expect((await upload(consentId, file.text, "upload-once")).status).toBe(200);
    expectObError(await upload(consentId, file.text), 400, "UK.OBIE.Resource.InvalidConsentStatus");

    expectObError(
      await pis.post("/file-payment-consents", fileConsent(file, { fileType: "UK.OBIE.pain.001.001.08" }), { tenant }),
      400,
      "UK.OBIE.Field.Invalid",
    );
  });

  it("pays a file once, as consented, for its own app only", async () => {
    const tenant = "app_ukpis_file_sec";
    const ready = await readyFile(tenant, [fileEntry(1, "10.00")]);
    const changed = { ...ready.body, Data: { Initiation: { ...ready.body.Data.Initiation, FileReference: "OTHER" } } };
    expectObError(await payFile(tenant, { ...ready, body: changed }), 400, "UK.OBIE.Resource.ConsentMismatch");
    const first = await payFile(tenant, ready, "file-once");
    const replay = await payFile(tenant, ready, "file-once");
    expect(replay.status).toBe(201);
    expect(replay.body.Data.FilePaymentId).toBe(first.body.Data.FilePaymentId);
    expectObError(await payFile(tenant, ready), 400, "UK.OBIE.Resource.InvalidConsentStatus");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId: ready.consentId } })).toBe(1);
    expectObError(
      await pis.get(`/file-payments/${first.body.Data.FilePaymentId}`, { tenant: "app_ukpis_file_x" }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    expectObError(
      await pis.get(`/file-payments/${first.body.Data.FilePaymentId}/report-file`, { tenant: "app_ukpis_file_x" }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    expectObError(await pis.get("/file-payments/not-an-id", { tenant }), 400, "UK.OBIE.Resource.NotFound");
    expectObError(
      await pis.get(`/file-payment-consents/${ready.consentId}`, { tenant: "app_ukpis_file_x" }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    // The app's key cannot pay; the customer's token cannot upload.
    expectObError(
      await pis.post("/file-payments", { Data: { ConsentId: ready.consentId, Initiation: ready.body.Data.Initiation } }, { tenant }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    expectObError(
      await pis.post(`/file-payment-consents/${ready.consentId}/file`, ready.file.text, { tenant, token: ready.token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
  });
});
