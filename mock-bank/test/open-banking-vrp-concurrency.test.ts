import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type BankApp } from "../src/app";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { parseBankEnv } from "../src/env";
import { standardsAvailable } from "../../tests/support/standards-contract";
import { buildTestApp, PORTAL_URL, TEST_SECRET, type TestApp } from "./helpers";
import { authoriseConsent, clientToken, obClient, obErrors } from "./ob-vrp-cof-fixture";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "./postgres";

/**
 * VRP payments racing at a limit: the limit check and the payment are one transaction under a
 * lock on the consent, so of many concurrent payments only those that fit pass, on SQLite and on
 * PostgreSQL. Timing-dependent: run 20 times (`for i in $(seq 20); do npx vitest run <this file> || break; done`).
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const BASE = "/open-banking/v4.0/pisp";
const SAVER = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "Sweep Saver" };
const RACERS = 12;

/** A consent allowing 100.00 a day (and a weekly 200.00, Consent-aligned), then 12 payments of 30.00 at once: exactly 3 fit. */
async function raceAtTheLimit(app: BankApp, tenant: string) {
  const ob = obClient(app, "uk-vrp");
  const body = {
    Data: {
      ControlParameters: {
        PSUAuthenticationMethods: ["UK.OBIE.SCA"],
        VRPType: ["UK.OBIE.VRPType.Sweeping"],
        MaximumIndividualAmount: { Amount: "30.00", Currency: "GBP" },
        PeriodicLimits: [
          { PeriodType: "Day", PeriodAlignment: "Calendar", Amount: "100.00", Currency: "GBP" },
          { PeriodType: "Week", PeriodAlignment: "Consent", Amount: "200.00", Currency: "GBP" },
        ],
      },
      Initiation: { CreditorAccount: SAVER },
    },
    Risk: {},
  };
  const created = await ob.call({
    method: "POST",
    url: `${BASE}/domestic-vrp-consents`,
    tenant,
    token: await clientToken(app, tenant, "payments"),
    body,
    headers: { "x-idempotency-key": `race-consent-${tenant}` },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const consentId = created.body.Data.ConsentId as string;
  const { accessToken } = await authoriseConsent(app, { consentId, scope: "payments" });
  const debtor = (JSON.parse((await app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } })).accountIds) as string[])[0];
  const before = (await app.db.bankAccount.findUniqueOrThrow({ where: { id: debtor } })).bookedBalance;

  const replies = await Promise.all(
    Array.from({ length: RACERS }, (_, i) =>
      ob.call({
        method: "POST",
        url: `${BASE}/domestic-vrps`,
        tenant,
        token: accessToken,
        headers: { "x-idempotency-key": `race-${i}` },
        body: {
          Data: {
            ConsentId: consentId,
            PSUAuthenticationMethod: "UK.OBIE.SCA",
            VRPType: "UK.OBIE.VRPType.Sweeping",
            Initiation: body.Data.Initiation,
            Instruction: {
              InstructionIdentification: `race-${i}`,
              EndToEndIdentification: `race-${i}`,
              InstructedAmount: { Amount: "30.00", Currency: "GBP" },
              CreditorAccount: SAVER,
            },
          },
          Risk: {},
        },
      }),
    ),
  );
  const paid = replies.filter((reply) => reply.status === 201);
  const refused = replies.filter((reply) => reply.status === 400);
  expect(paid.length, JSON.stringify(replies.map((reply) => [reply.status, obErrors(reply)]))).toBe(3);
  expect(refused).toHaveLength(RACERS - 3);
  for (const reply of refused)
    expect(obErrors(reply)[0]).toEqual({ name: "UK.OBIE.Rules.FailsControlParameters", path: "ControlParameters.PeriodicLimits[0]" });

  const payments = await app.db.bankPayment.findMany({ where: { tenantId: tenant, consentId } });
  expect(payments).toHaveLength(3);
  expect(payments.reduce((sum, payment) => sum + payment.amount, 0n)).toBe(9_000n);
  const after = (await app.db.bankAccount.findUniqueOrThrow({ where: { id: debtor } })).bookedBalance;
  expect(before - after).toBe(9_000n);
  expect((await app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } })).status).toBe("authorised");
  expect(await checkLedgerInvariants({ db: app.db, tenantId: tenant })).toEqual([]);
}

describe("VRP payments racing at a limit on SQLite", () => {
  let t: TestApp;
  beforeAll(async () => {
    standardsAvailable();
    t = await buildTestApp({ now: () => NOW });
  });
  afterAll(() => t.close());

  it(`${RACERS} concurrent payments where 3 fit: 3 pass, the rest are FailsControlParameters, the ledger holds`, async () => {
    await raceAtTheLimit(t.app, "app_vrp_race");
  });
});

const reachable = await postgresReachable();
if (!reachable) {
  console.warn(
    `\n!! SKIPPED: VRP concurrency on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}. Set TEST_DATABASE_URL to run it.\n`,
  );
}

describe.skipIf(!reachable)("VRP payments racing at a limit on PostgreSQL", () => {
  let app: BankApp;
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  beforeAll(async () => {
    database = await createPostgresTestDatabase({ poolSize: 10 });
    const env = parseBankEnv({ BANK_DATABASE_URL: database.url, BANK_INTERNAL_SECRET: TEST_SECRET, PORTAL_URL, LOG_LEVEL: "info" });
    app = await buildApp({ env, logger: false, db: database.db, now: () => NOW });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it(`${RACERS} concurrent payments where 3 fit: 3 pass, the rest are FailsControlParameters, the ledger holds`, async () => {
    await raceAtTheLimit(app, "app_vrp_race");
  }, 60_000);
});
