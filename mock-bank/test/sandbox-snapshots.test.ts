import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { remappedId } from "../src/domain/snapshots/remap-sandbox-ids";
import { bankClient, buildTestApp, expectMatchesContract, expectProblemShape, gatewayHeaders, type Reply, type TestApp } from "./helpers";

const START = new Date("2026-11-21T10:30:00.000Z");
let realNow = START;
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => realNow });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const json = { "content-type": "application/json" };
let keys = 0;
const post = (tenant: string, url: string, template: string, body?: unknown, headers: Record<string, string> = {}) =>
  bank.request({
    method: "POST",
    url,
    template,
    tenant,
    headers: body === undefined ? headers : { ...json, "idempotency-key": `snap-${++keys}`, ...headers },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
const SNAPSHOTS = "/v1/sandbox/snapshots";
const ONE = "/v1/sandbox/snapshots/{snapshot}";
const takeSnapshot = (tenant: string, name: string) => post(tenant, SNAPSHOTS, SNAPSHOTS, { name });
const restore = (tenant: string, snapshot: string) =>
  post(tenant, `${SNAPSHOTS}/${snapshot}/restore`, "/v1/sandbox/snapshots/{snapshot}/restore");
const gbp = (amount: string) => ({ amount, currency: "GBP" });

/**
 * Every /v1 read of the tenant, as the exact bytes the bank answered (status and body), keyed by
 * URL: lists (all pages), each resource, each account's balances, transactions and rewards, each
 * customer's loans, plans, policies and recommendations, the clock. Each GET carries a fixed
 * request id, so even a problem answer is the same bytes twice.
 */
async function readEverything(tenant: string): Promise<Map<string, string>> {
  const db = t.app.db;
  const answers = new Map<string, string>();
  let n = 0;
  const read = async (template: string, url: string): Promise<Reply["body"]> => {
    const response = await t.app.inject({ method: "GET", url, headers: gatewayHeaders(tenant, { "x-request-id": `read-${++n}` }) });
    expectMatchesContract(bank.contract, "GET", template, response);
    // The clock's offset is relative to real time, which moves on: its reading is what a restore brings back.
    const bytes = template === "/v1/sandbox/clock" ? JSON.stringify({ now: response.json().now }) : response.body;
    answers.set(url, `${response.statusCode} ${bytes}`);
    return response.statusCode === 200 ? response.json() : null;
  };
  const readPages = async (template: string, url: string) => {
    let cursor: string | null = null;
    do {
      const page = await read(template, `${url}${url.includes("?") ? "&" : "?"}limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      cursor = page?.next_cursor ?? null;
    } while (cursor);
  };
  await read("/v1/sandbox/clock", "/v1/sandbox/clock");
  await read("/v1/products", "/v1/products");
  await readPages("/v1/accounts", "/v1/accounts");
  await readPages("/v1/payments", "/v1/payments");
  await readPages("/v1/consents", "/v1/consents");
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((row) => row.id);
  for (const id of await ids(db.bankCustomer.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } }))) {
    await read("/v1/customers/{customer_id}", `/v1/customers/${id}`);
    await read("/v1/loans", `/v1/loans?customer_id=${id}`);
    await read("/v1/bnpl/plans", `/v1/bnpl/plans?customer_id=${id}`);
    await read("/v1/insurance/policies", `/v1/insurance/policies?customer_id=${id}`);
    await read("/v1/investments/recommendations", `/v1/investments/recommendations?customer_id=${id}`);
  }
  const accounts = db.bankAccount.findMany({ where: { tenantId: tenant, customerId: { not: null } }, orderBy: { id: "asc" } });
  for (const id of await ids(accounts)) {
    await read("/v1/accounts/{account_id}", `/v1/accounts/${id}`);
    await read("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`);
    await read("/v1/accounts/{account_id}/rewards", `/v1/accounts/${id}/rewards`);
    await readPages("/v1/accounts/{account_id}/transactions", `/v1/accounts/${id}/transactions`);
  }
  for (const id of await ids(db.bankPayment.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } })))
    await read("/v1/payments/{payment_id}", `/v1/payments/${id}`);
  for (const id of await ids(db.bankConsent.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } })))
    await read("/v1/consents/{consent_id}", `/v1/consents/${id}`);
  for (const id of await ids(db.bankLoanApplication.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } })))
    await read("/v1/loans/applications/{application_id}", `/v1/loans/applications/${id}`);
  for (const loan of await db.bankLoan.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } }))
    await read(
      loan.kind === "bnpl" ? "/v1/bnpl/plans/{plan_id}" : "/v1/loans/{loan_id}",
      `/v1/${loan.kind === "bnpl" ? "bnpl/plans" : "loans"}/${loan.id}`,
    );
  for (const id of await ids(db.bankInsuranceQuote.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } })))
    await read("/v1/insurance/quotes/{quote_id}", `/v1/insurance/quotes/${id}`);
  for (const id of await ids(db.bankInsurancePolicy.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } })))
    await read("/v1/insurance/policies/{policy_id}", `/v1/insurance/policies/${id}`);
  return answers;
}

/** Money moved through several surfaces: an internal and an outgoing (pending) payment, income, a consent, a BNPL plan, the clock. */
async function changeThings(tenant: string, round: number) {
  const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as {
    id: string;
    customer_id: string;
    type: string;
    identifiers: Record<string, string>;
  }[];
  const current = accounts.find((a) => a.identifiers.account_number === "41825937")!;
  const savings = accounts.find((a) => a.identifiers.account_number === "41825945")!;
  const creditor = { type: "account", account_id: savings.id };
  expect(
    (await post(tenant, "/v1/payments", "/v1/payments", { debtor_account_id: current.id, amount: gbp(`1${round}.25`), creditor })).status,
  ).toBe(201);
  const outgoing = { type: "iban", name: "Jo Bloggs", iban: "GB29NWBK60161331926819" };
  const pending = { debtor_account_id: current.id, amount: gbp(`${round}.50`), creditor: outgoing, scheme: "standard" };
  expect((await post(tenant, "/v1/payments", "/v1/payments", pending)).status).toBe(201);
  const income = { account_id: current.id, amount: gbp(`2${round}0.00`), counterparty_name: "Acme Ltd", description: `Invoice ${round}` };
  expect((await post(tenant, "/v1/sandbox/transactions", "/v1/sandbox/transactions", income)).status).toBe(201);
  const consent = { persona: "good_credit", permissions: ["accounts:read", "transactions:read"] };
  expect((await post(tenant, "/v1/sandbox/consents", "/v1/sandbox/consents", consent)).status).toBe(201);
  expect((await post(tenant, "/v1/sandbox/clock/advance", "/v1/sandbox/clock/advance", { days: round })).status).toBe(200);
}

describe("snapshot round trip", { timeout: 120_000 }, () => {
  const tenant = "app_snap_a";

  it("answers every read byte for byte as when the snapshot was taken, after more changes and an hour of real time", async () => {
    await changeThings(tenant, 1);
    const taken = await takeSnapshot(tenant, "ci-baseline");
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ name: "ci-baseline", sandbox_time: new Date(START.getTime() + 86_400_000).toISOString() });
    expect(taken.body.id).toMatch(/^snap_/);
    expect(taken.body.counts).toMatchObject({ customers: 6, payments: 2, consents: 1 });
    const before = await readEverything(tenant);
    expect(before.size).toBeGreaterThan(100);
    const undelivered = await t.app.db.bankEvent.count({ where: { tenantId: tenant, deliveredAt: null } });
    expect(undelivered).toBeGreaterThan(0);

    await changeThings(tenant, 3);
    const consent = await t.app.db.bankConsent.findFirstOrThrow({ where: { tenantId: tenant }, orderBy: { createdAt: "asc" } });
    const revoke = await bank.request({
      method: "DELETE",
      url: `/v1/consents/${consent.id}`,
      template: "/v1/consents/{consent_id}",
      tenant,
    });
    expect(revoke.status).toBe(200);
    expect(await readEverything(tenant)).not.toEqual(before);

    realNow = new Date(START.getTime() + 3_600_000);
    const restored = await restore(tenant, "ci-baseline");
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      counts: taken.body.counts,
      now: taken.body.sandbox_time,
      offset_seconds: 86_400 - 3_600,
      ids_remapped: false,
      events_marked_delivered: undelivered,
    });
    const after = await readEverything(tenant);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [url, answer] of before) expect(after.get(url), url).toBe(answer);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
    // The past is not delivered again; tokens are never restored.
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant, deliveredAt: null } })).toBe(0);
    expect(await t.app.db.bankOAuthToken.count({ where: { tenantId: tenant } })).toBe(0);
    // Restoring twice, by id this time, changes nothing more.
    expect((await restore(tenant, taken.body.id)).status).toBe(200);
    const again = await readEverything(tenant);
    for (const [url, answer] of before) expect(again.get(url), url).toBe(answer);
  });

  it("keeps the app's snapshots through a restore and a reset, lists, reads, downloads and deletes them", async () => {
    expect((await takeSnapshot(tenant, "second")).status).toBe(201);
    expect((await post(tenant, "/v1/sandbox/reset", "/v1/sandbox/reset")).status).toBe(200);
    const list = await bank.get(SNAPSHOTS, SNAPSHOTS, { tenant });
    expect(list.body.data.map((s: { name: string }) => s.name)).toEqual(["second", "ci-baseline"]);
    expect(list.body.next_cursor).toBeNull();
    const one = await bank.get(ONE, `${SNAPSHOTS}/ci-baseline`, { tenant });
    expect(one.body).toEqual(list.body.data[1]);
    expect((await bank.get(ONE, `${SNAPSHOTS}/${one.body.id}`, { tenant })).body).toEqual(one.body);

    const file = await bank.get("/v1/sandbox/snapshots/{snapshot}/export", `${SNAPSHOTS}/ci-baseline/export`, { tenant });
    expect(file.status).toBe(200);
    expect(file.headers["content-disposition"]).toBe(`attachment; filename="sandbox-${tenant}-ci-baseline-2026-11-21.json"`);
    expect(file.body).toMatchObject({ format: "openbank.sandbox-export", version: 1, tenant, sandbox_time: one.body.sandbox_time });
    expect(Buffer.byteLength(JSON.stringify(file.body))).toBe(one.body.size_bytes);

    const removed = await bank.request({ method: "DELETE", url: `${SNAPSHOTS}/second`, template: ONE, tenant });
    expect(removed.status).toBe(204);
    expectProblemShape(await bank.get(ONE, `${SNAPSHOTS}/second`, { tenant }), 404, "resource_not_found");
  });

  it("exports the current state as a file with exact money and instants", async () => {
    const file = await bank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant });
    expect(file.headers["content-disposition"]).toBe(`attachment; filename="sandbox-${tenant}-${realNow.toISOString().slice(0, 10)}.json"`);
    expect(file.body).toMatchObject({ format: "openbank.sandbox-export", version: 1, tenant, taken_at: realNow.toISOString() });
    const account = file.body.tables.BankAccount[0];
    expect(typeof account.bookedBalance).toBe("string");
    expect(account.openedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const excluded of ["BankIdempotencyKey", "BankOAuthToken", "BankAuthorizationCode", "BankAuthorizationRequest", "BankSnapshot"])
      expect(file.body.tables[excluded], excluded).toBeUndefined();
  });
});

describe("import into another app's sandbox", { timeout: 120_000 }, () => {
  it("remaps every id deterministically, keeps the ledger's invariants, and reads the same modulo ids", async () => {
    const source = "app_snap_src";
    const target = "app_snap_dst";
    await changeThings(source, 2);
    const file = (await bank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant: source })).body;
    const imported = await post(target, "/v1/sandbox/import", "/v1/sandbox/import", file);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ ids_remapped: true, counts: file.counts, now: file.sandbox_time });
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: target })).toEqual([]);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: source })).toEqual([]);

    const ids = new Map<string, string>([[source, target]]);
    for (const rows of Object.values(file.tables) as { id?: string }[][])
      for (const row of rows) if (row.id && row.id !== source) ids.set(row.id, remappedId(target, row.id));
    const remap = (text: string) => text.replace(/[A-Za-z0-9_]+/g, (token) => ids.get(token) ?? token);
    const accounts = file.tables.BankAccount.filter((a: { customerId: string | null }) => a.customerId) as { id: string }[];
    for (const { id } of accounts) {
      const mine = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant: source });
      const theirs = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${ids.get(id)}/balances`, { tenant: target });
      expect(JSON.stringify(theirs.body)).toBe(remap(JSON.stringify(mine.body)));
      expectProblemShape(await bank.get("/v1/accounts/{account_id}", `/v1/accounts/${id}`, { tenant: target }), 404, "resource_not_found");
    }
    const consent = file.tables.BankConsent[0] as { id: string };
    const mine = await bank.get("/v1/consents/{consent_id}", `/v1/consents/${consent.id}`, { tenant: source });
    const theirs = await bank.get("/v1/consents/{consent_id}", `/v1/consents/${ids.get(consent.id)}`, { tenant: target });
    expect(JSON.stringify(theirs.body)).toBe(remap(JSON.stringify(mine.body)));
    const payment = file.tables.BankPayment[0] as { id: string };
    const paid = await bank.get("/v1/payments/{payment_id}", `/v1/payments/${payment.id}`, { tenant: source });
    const copied = await bank.get("/v1/payments/{payment_id}", `/v1/payments/${ids.get(payment.id)}`, { tenant: target });
    expect(JSON.stringify(copied.body)).toBe(remap(JSON.stringify(paid.body)));

    // The same file again gives the same ids; the source is untouched.
    expect((await post(target, "/v1/sandbox/import", "/v1/sandbox/import", file)).status).toBe(200);
    expect((await bank.get("/v1/payments/{payment_id}", `/v1/payments/${ids.get(payment.id)}`, { tenant: target })).body).toEqual(
      copied.body,
    );
    expect((await bank.get("/v1/payments/{payment_id}", `/v1/payments/${payment.id}`, { tenant: source })).body).toEqual(paid.body);
  });
});

describe("snapshot isolation", { timeout: 60_000 }, () => {
  it("another app can never read, download, restore or delete a snapshot, by id or by name (404)", async () => {
    const owner = "app_snap_owner";
    const taken = await takeSnapshot(owner, "private");
    expect(taken.status).toBe(201);
    for (const ref of [taken.body.id, "private"]) {
      expectProblemShape(await bank.get(ONE, `${SNAPSHOTS}/${ref}`, { tenant: "app_snap_intruder" }), 404, "resource_not_found");
      expectProblemShape(
        await bank.get("/v1/sandbox/snapshots/{snapshot}/export", `${SNAPSHOTS}/${ref}/export`, { tenant: "app_snap_intruder" }),
        404,
        "resource_not_found",
      );
      expectProblemShape(await restore("app_snap_intruder", ref), 404, "resource_not_found");
      const removal = await bank.request({ method: "DELETE", url: `${SNAPSHOTS}/${ref}`, template: ONE, tenant: "app_snap_intruder" });
      expectProblemShape(removal, 404, "resource_not_found");
    }
    expect((await bank.get(SNAPSHOTS, SNAPSHOTS, { tenant: "app_snap_intruder" })).body.data).toEqual([]);
    // Names are per app: the intruder may use the same one for its own.
    expect((await takeSnapshot("app_snap_intruder", "private")).status).toBe(201);
    expect((await bank.get(ONE, `${SNAPSHOTS}/private`, { tenant: owner })).body.id).toBe(taken.body.id);
  });
});

describe("malformed imports", { timeout: 60_000 }, () => {
  const tenant = "app_snap_bad";
  let file: Record<string, unknown> & { tables: Record<string, Record<string, unknown>[]> };
  const clone = () => structuredClone(file);
  const expectRefused = async (body: unknown, pointers: string[]) => {
    const reply = await post(tenant, "/v1/sandbox/import", "/v1/sandbox/import", body);
    expectProblemShape(reply, 422, "invalid_sandbox_export");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(pointers));
    return reply;
  };

  beforeAll(async () => {
    await changeThings(tenant, 1);
    file = (await bank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant })).body;
  });

  it("refuses a wrong format, version, column, table or type with a pointer at each, and changes nothing", async () => {
    const before = await readEverything(tenant);
    await expectRefused({ ...clone(), format: "something-else" }, ["/body/format"]);
    await expectRefused({ ...clone(), version: 2 }, ["/body/version"]);
    await expectRefused({ format: "openbank.sandbox-export" }, ["/body/version", "/body/tables", "/body/sandbox_time"]);
    const bad = clone();
    bad.tables.BankAccount![0]!.bookedBalance = "12.5";
    bad.tables.BankTransaction![1]!.transactedAt = "yesterday";
    bad.tables.BankCustomer![0]!.favouriteColour = "blue";
    bad.tables.BankDragons = [];
    await expectRefused(bad, [
      "/body/tables/BankAccount/0/bookedBalance",
      "/body/tables/BankTransaction/1/transactedAt",
      "/body/tables/BankCustomer/0/favouriteColour",
      "/body/tables/BankDragons",
    ]);
    expect(await readEverything(tenant)).toEqual(before);
  });

  it("refuses rows that refer to rows the file does not contain, or belong to another tenant", async () => {
    const dangling = clone();
    dangling.tables.BankTransaction![3]!.accountId = "acc_NotInTheFile000000000";
    await expectRefused(dangling, ["/body/tables/BankTransaction/3/accountId"]);
    const foreign = clone();
    foreign.tables.BankPayment![0]!.tenantId = "app_someone_else";
    await expectRefused(foreign, ["/body/tables/BankPayment/0/tenantId"]);
    const twice = clone();
    twice.tables.BankCustomer!.push({ ...twice.tables.BankCustomer![0]! });
    await expectRefused(twice, ["/body/tables/BankCustomer/6/id"]);
  });

  it("refuses rows the database cannot take (a required column missing) as a whole: 422, nothing half-written", async () => {
    const before = await readEverything(tenant);
    const missing = clone();
    delete missing.tables.BankTransaction![missing.tables.BankTransaction!.length - 1]!.currency;
    const reply = await expectRefused(missing, ["/body/tables/BankTransaction"]);
    expect(reply.body.detail).toMatch(/BankTransaction/);
    expect(await readEverything(tenant)).toEqual(before);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("refuses a body that is not an object (400) and a snapshot name that is not one (400)", async () => {
    expectProblemShape(await post(tenant, "/v1/sandbox/import", "/v1/sandbox/import", [1, 2]), 400, "validation_failed");
    for (const name of ["", "snap_x", "has space", "x".repeat(65)]) {
      const reply = await takeSnapshot(tenant, name);
      expectProblemShape(reply, 400, "validation_failed");
      expect(reply.body.errors[0].pointer).toBe("/body/name");
    }
  });
});

describe("bounds", { timeout: 60_000 }, () => {
  let small: TestApp;
  let smallBank: Awaited<ReturnType<typeof bankClient>>;
  beforeAll(async () => {
    small = await buildTestApp({ now: () => START, env: { BANK_SNAPSHOT_LIMIT: "2", BANK_SNAPSHOT_MAX_BYTES: "710000" } });
    smallBank = await bankClient(small.app);
  });
  afterAll(() => small.close());
  const take = (tenant: string, name: string) =>
    smallBank.request({ method: "POST", url: SNAPSHOTS, template: SNAPSHOTS, tenant, headers: json, payload: JSON.stringify({ name }) });

  it("refuses a snapshot past the count limit (409, says the limit and what to delete) and a taken name (409)", async () => {
    expect((await take("app_bounds", "one")).status).toBe(201);
    expectProblemShape(await take("app_bounds", "one"), 409, "snapshot_name_taken");
    expect((await take("app_bounds", "two")).status).toBe(201);
    const third = await take("app_bounds", "three");
    expectProblemShape(third, 409, "snapshot_limit_reached");
    expect(third.body.detail).toContain("the limit is 2");
    expect(third.body.detail).toContain("DELETE /v1/sandbox/snapshots/{snapshot}");
    // Another app has its own allowance.
    expect((await take("app_bounds_other", "three")).status).toBe(201);
    await smallBank.request({ method: "DELETE", url: `${SNAPSHOTS}/one`, template: ONE, tenant: "app_bounds" });
    expect((await take("app_bounds", "three")).status).toBe(201);
  });

  it("refuses a state larger than the size limit (413, with both sizes), and an import file past it (413)", async () => {
    const tenant = "app_bounds_big";
    const file = (await smallBank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant })).body;
    const income = {
      account_id: file.tables.BankAccount.find((a: { type: string }) => a.type === "current").id,
      amount: gbp("1.00"),
      counterparty_name: "Padding Ltd",
    };
    for (let i = 0; i < 40; i++) {
      const reply = await smallBank.request({
        method: "POST",
        url: "/v1/sandbox/transactions",
        template: "/v1/sandbox/transactions",
        tenant,
        headers: json,
        payload: JSON.stringify({ ...income, description: `Padding ${i}`.padEnd(60, ".") }),
      });
      expect(reply.status).toBe(201);
    }
    const refused = await take(tenant, "big");
    expectProblemShape(refused, 413, "snapshot_too_large");
    expect(refused.body.detail).toMatch(/^The sandbox's state is \d+ KB, more than the 694 KB a snapshot may hold/);
    const bigFile = (await smallBank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant })).body;
    const tooLarge = await smallBank.request({
      method: "POST",
      url: "/v1/sandbox/import",
      template: "/v1/sandbox/import",
      tenant,
      headers: json,
      payload: JSON.stringify(bigFile),
    });
    expectProblemShape(tooLarge, 413, "payload_too_large");
  });
});

describe("figures", { timeout: 120_000 }, () => {
  it("logs a freshly seeded tenant's export size (raw, gzipped) and its restore time (median of 5)", async () => {
    const tenant = "app_snap_figures";
    const file = await bank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant });
    const raw = Buffer.byteLength(JSON.stringify(file.body));
    const taken = await takeSnapshot(tenant, "seeded");
    expect(taken.body.size_bytes).toBe(raw);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect((await restore(tenant, "seeded")).status).toBe(200);
      times.push(performance.now() - started);
    }
    const median = Math.round(times.sort((a, b) => a - b)[2]!);
    console.log(
      `[snapshots] seeded tenant: export ${raw} bytes, ${gzipSync(JSON.stringify(file.body)).length} gzipped, ${file.body.counts.rows} rows; SQLite restore median ${median} ms of 5`,
    );
  });
});
