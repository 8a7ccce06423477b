import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";

// The SQLite rule the portal's writers are built on (revoke-key.ts, ingest-events.ts): in WAL
// mode, with another connection (another process: a second portal, the dispatcher) holding the
// write lock, a deferred transaction that has read and then writes is refused with SQLITE_BUSY
// at once (the busy timeout is not consulted: waiting could deadlock); one whose first
// statement writes waits for the lock and commits. A key revoke that read first answered 500.
type Statement = { run(): unknown; get(): unknown };
type SqliteDatabase = { prepare(sql: string): Statement; pragma(sql: string): unknown; exec(sql: string): void; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string, options: { timeout: number }) => SqliteDatabase;

const dir = mkdtempSync(path.join(tmpdir(), "sqlite-write-lock-"));
const file = path.join(dir, "lock.db");

// Another connection, in its own thread: holds the write lock (an uncommitted insert) for
// holdMs, or until told to commit.
const HOLDER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
db.prepare("BEGIN IMMEDIATE").run();
db.prepare("insert into other values (1)").run();
parentPort.postMessage("locked");
const commit = () => { db.prepare("COMMIT").run(); db.close(); parentPort.close(); };
if (workerData.holdMs) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs); commit(); }
else parentPort.once("message", commit);
`;

async function withLockHeld<T>(holdMs: number | null, work: () => T): Promise<T> {
  const holder = new Worker(HOLDER, { eval: true, workerData: { file, holdMs, driver: require.resolve("better-sqlite3") } });
  const exited = new Promise((resolve) => holder.once("exit", resolve));
  await new Promise((resolve) => holder.once("message", resolve));
  try {
    return work();
  } finally {
    holder.postMessage("commit");
    await exited;
  }
}

const db = new Database(file, { timeout: 5000 });
db.pragma("journal_mode = WAL");
db.exec("create table key (id text primary key, revoked integer); insert into key values ('k', 0); create table other (x)");

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function revoke(order: "read first" | "write first"): string {
  db.prepare("BEGIN").run();
  try {
    if (order === "read first") db.prepare("select * from key where id = 'k'").get();
    db.prepare("update key set revoked = 1 where id = 'k'").run();
    db.prepare("COMMIT").run();
    return "committed";
  } catch (error) {
    db.prepare("ROLLBACK").run();
    return (error as { code: string }).code;
  }
}

describe("SQLite's write lock across connections (WAL)", () => {
  it("refuses a transaction that read first, at once, while another connection writes", async () => {
    expect(await withLockHeld(null, () => revoke("read first"))).toBe("SQLITE_BUSY");
  });

  it("lets a transaction that writes first wait for the lock, then commit", async () => {
    // The holder commits after 300 ms in its own thread while this one waits inside SQLite
    // (within the 5 s busy timeout). No time is asserted: only that it waited and committed.
    expect(await withLockHeld(300, () => revoke("write first"))).toBe("committed");
    expect(db.prepare("select revoked from key where id = 'k'").get()).toEqual({ revoked: 1 });
  });
});

describe("Prisma's transactions on SQLite (createPrismaClient)", () => {
  // Another connection, in its own thread, writes and commits while the transaction is between
  // its read and its write: with a deferred BEGIN that write is refused SQLITE_BUSY (the
  // snapshot is stale); BEGIN IMMEDIATE holds the lock, so the other writer waits its turn.
  it("take the write lock when it is free: a transaction that reads, then writes, is not refused by a writer in between", async () => {
    const prisma = createPrismaClient(`file:${file}`);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let exited: Promise<unknown> = Promise.resolve();
    try {
      await prisma.$queryRawUnsafe("select 1");
      await prisma.$transaction(async (tx) => {
        await tx.$queryRawUnsafe("select * from key where id = 'k'");
        const writer = new Worker(HOLDER, { eval: true, workerData: { file, holdMs: 1, driver: require.resolve("better-sqlite3") } });
        // Listened for now: it may exit as soon as this transaction commits.
        exited = new Promise((resolve) => writer.once("exit", resolve));
        const wrote = new Promise((resolve) => writer.once("message", resolve));
        await Promise.race([wrote.then(() => sleep(50)), sleep(500)]);
        await tx.$executeRawUnsafe("update key set revoked = 2 where id = 'k'");
      });
      expect(db.prepare("select revoked from key where id = 'k'").get()).toEqual({ revoked: 2 });
    } finally {
      await exited;
      await prisma.$disconnect();
    }
  });

  // The request-log worker's case: it holds the lock for a few ms when the transaction starts.
  // A deferred start would read before the other thread's commit and be refused at its write.
  it("wait for a lock another thread holds, without blocking this one, then read and write", async () => {
    const prisma = createPrismaClient(`file:${file}`);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      await prisma.$queryRawUnsafe("select 1");
      let ticks = 0;
      const ticking = setInterval(() => ticks++, 5);
      await withLockHeld(150, async () => {
        await prisma.$transaction(async (tx) => {
          await tx.$queryRawUnsafe("select * from key where id = 'k'");
          await sleep(300);
          await tx.$executeRawUnsafe("update key set revoked = 4 where id = 'k'");
        });
      }).finally(() => clearInterval(ticking));
      expect(db.prepare("select revoked from key where id = 'k'").get()).toEqual({ revoked: 4 });
      // The thread kept running while the transaction waited (timers fired), unlike SQLite's own busy wait.
      expect(ticks).toBeGreaterThan(10);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("never wait for a lock held on the same thread: a second client's transaction starts deferred, as before", async () => {
    const first = createPrismaClient(`file:${file}`);
    const second = createPrismaClient(`file:${file}`);
    try {
      const before = (db.prepare("select revoked from key where id = 'k'").get() as { revoked: number }).revoked;
      await first.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("update key set revoked = 3 where id = 'k'");
        // Holding the lock: the second client's read-only transaction must start at once.
        const read = await second.$transaction(async (other) => other.$queryRawUnsafe<{ revoked: number }[]>("select revoked from key"));
        expect(read.map((row) => Number(row.revoked))).toEqual([before]);
      });
    } finally {
      await first.$disconnect();
      await second.$disconnect();
    }
  });
});
