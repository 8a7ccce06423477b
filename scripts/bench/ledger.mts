/**
 * npm run bench:ledger — transfers per second through the double-entry ledger, on SQLite
 * and (when reachable) PostgreSQL, side by side with a baseline: the least a transfer can
 * write (two balance updates in one transaction, no entries, no statement lines, no
 * events). Every transfer is a real instant payment (createPayment: limits, floors,
 * posting, entries, statement lines, events) on the driver's short transaction; then the same
 * transfers again on Prisma's interactive transaction (the path before the driver, still taken by
 * payments with in-transaction rules), for comparison. The ledger invariants are checked after
 * the runs, and a broken invariant fails the script.
 *
 * Knobs: BENCH_TRANSFERS (default 2000), BENCH_CONCURRENCY (default 16).
 */
import os from "node:os";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { databaseDriver } from "@openbank/database/database-driver";
import { checkLedgerInvariants } from "../../mock-bank/src/domain/ledger/check-ledger-invariants";
import { createPayment } from "../../mock-bank/src/domain/payments/create-payment";
import { mulberry32 } from "../../mock-bank/src/seed/prng";
import { seedTenant } from "../../mock-bank/src/seed/seed-tenant";
import { createTestDatabase } from "../../mock-bank/test/helpers";
import { createPostgresTestDatabase, postgresReachable } from "../../mock-bank/test/postgres";

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const NOW = new Date();
const TENANT = "app_bench_ledger";

type Run = { name: string; perSecond: number; p50: number; p99: number; declined: number };

/** Runs `count` jobs with at most `CONCURRENCY` in flight; returns each job's latency. */
async function pool(count: number, job: (index: number) => Promise<boolean>): Promise<{ ms: number; latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        const at = performance.now();
        if (!(await job(index))) failed++;
        latencies.push(performance.now() - at);
      }
    }),
  );
  return { ms: performance.now() - started, latencies: latencies.sort((a, b) => a - b), failed };
}

function summarise(name: string, result: { ms: number; latencies: number[]; failed: number }): Run {
  const at = (q: number) => result.latencies[Math.min(result.latencies.length - 1, Math.floor(q * result.latencies.length))];
  return { name, perSecond: (TRANSFERS / result.ms) * 1000, p50: at(0.5), p99: at(0.99), declined: result.failed };
}

async function bench(provider: string, db: PrismaClient): Promise<Run[]> {
  // createPayment takes the driver's path only when it finds this client's driver: measure that path or nothing.
  if (!(await databaseDriver(db))) throw new Error(`${provider}: no driver under the Prisma client, so payments would take Prisma's path`);
  await seedTenant({ db, tenantId: TENANT, seededAt: NOW });
  const accounts = await db.bankAccount.findMany({
    where: { tenantId: TENANT, customerId: { not: null }, status: "active", type: { in: ["current", "savings"] } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const ids = accounts.map((a) => a.id);
  const random = mulberry32(42);
  const pairs = Array.from({ length: TRANSFERS }, () => {
    const from = Math.floor(random() * ids.length);
    const to = (from + 1 + Math.floor(random() * (ids.length - 1))) % ids.length;
    return { from: ids[from], to: ids[to], pence: 1 + Math.floor(random() * 500) };
  });

  const baseline = await pool(TRANSFERS, async (i) => {
    const { from, to, pence } = pairs[i];
    // In id order, as postTransfer locks, so concurrent baseline transfers cannot deadlock.
    const legs = [
      { id: from, delta: -BigInt(pence) },
      { id: to, delta: BigInt(pence) },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    await db.$transaction(
      legs.map((leg) => db.bankAccount.update({ where: { id: leg.id }, data: { bookedBalance: { increment: leg.delta } } })),
    );
    return true;
  });
  // Undo the baseline's bare updates so the ledger run starts from balances equal to entries.
  for (const { from, to, pence } of pairs) {
    await db.bankAccount.update({ where: { id: from }, data: { bookedBalance: { increment: BigInt(pence) } } });
    await db.bankAccount.update({ where: { id: to }, data: { bookedBalance: { decrement: BigInt(pence) } } });
  }
  const invariantsBefore = await checkLedgerInvariants({ db, tenantId: TENANT });
  if (invariantsBefore.length) throw new Error(`${provider}: ledger unsound before the run: ${invariantsBefore.join("; ")}`);

  const transfer = (onPrisma: boolean) => async (i: number) => {
    const { from, to, pence } = pairs[i];
    const amount = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
    try {
      const payment = await createPayment({
        db,
        tenantId: TENANT,
        now: NOW,
        input: {
          debtor_account_id: from,
          amount: { amount, currency: "GBP" },
          creditor: { type: "account", account_id: to },
          scheme: "instant",
        },
        // In-transaction rules keep a payment on Prisma's interactive transaction (as UK VRP limits do): the path before the driver.
        ...(onPrisma ? { withinTransaction: async () => {} } : {}),
      });
      return payment.status === "completed";
    } catch {
      return false;
    }
  };
  const ledger = await pool(TRANSFERS, transfer(false));
  const onPrisma = await pool(TRANSFERS, transfer(true));
  const violations = await checkLedgerInvariants({ db, tenantId: TENANT });
  if (violations.length) throw new Error(`${provider}: ledger invariants broken after the run: ${violations.join("; ")}`);
  const postings = await db.bankPosting.count({ where: { tenantId: TENANT, kind: "payment" } });
  console.log(`${provider}: invariants hold after ${2 * TRANSFERS} transfers (${postings} payment postings)`);
  return [
    summarise(`${provider} baseline (2 updates)`, baseline),
    summarise(`${provider} ledger transfer`, ledger),
    summarise(`${provider} same, on Prisma`, onPrisma),
  ];
}

async function main() {
  console.log(
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}; ${TRANSFERS} transfers, ${CONCURRENCY} in flight, between the seeded personas' active current and savings accounts\n`,
  );
  const runs: Run[] = [];
  const sqlite = createTestDatabase();
  const sqliteDb = createPrismaClient(sqlite.url);
  try {
    runs.push(...(await bench("sqlite", sqliteDb)));
    printRuns(runs); // as soon as measured: a later failure keeps these
  } finally {
    await sqliteDb.$disconnect();
    sqlite.remove();
  }
  if (await postgresReachable()) {
    const postgres = await createPostgresTestDatabase({ poolSize: CONCURRENCY });
    try {
      runs.push(...(await bench("postgresql", postgres.db)));
    } finally {
      await postgres.drop();
    }
  } else {
    console.log("PostgreSQL is not reachable (TEST_DATABASE_URL or 127.0.0.1:5432): SQLite only");
  }

  printRuns(runs);
}

const HEADER = "run                              transfers/s  vs baseline   p50 ms   p99 ms  declined";

function printRuns(runs: Run[]) {
  console.log(`\n${HEADER}`);
  for (const run of runs) {
    const baseline = runs.find((r) => r.name.startsWith(run.name.split(" ")[0]) && r.name.includes("baseline"))!;
    console.log(
      [
        run.name.padEnd(32),
        run.perSecond.toFixed(0).padStart(11),
        `${(run.perSecond / baseline.perSecond).toFixed(2)}×`.padStart(12),
        run.p50.toFixed(2).padStart(8),
        run.p99.toFixed(2).padStart(8),
        String(run.declined).padStart(9),
      ].join(" "),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
