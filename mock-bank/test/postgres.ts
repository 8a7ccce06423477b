import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { ObservedPgAdapter, withDriver } from "@openbank/database/database-driver";
import { pgConfig } from "@openbank/database/database-url";

/**
 * PostgreSQL for mock-bank tests, when a server is reachable (TEST_DATABASE_URL, else the
 * local default). The generated @prisma/client matches one provider (SQLite by default), so
 * tests get a PostgreSQL client generated once into data/.pg-test-client (git-ignored,
 * regenerated when the schema changes) and a fresh database with every migration applied.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ ...pgConfig(POSTGRES_URL), connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function postgresClientModule(): string {
  const schemaDir = path.join(root, "prisma/schema");
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".prisma"))
    .sort();
  const hash = createHash("sha256")
    .update(files.map((f) => readFileSync(path.join(schemaDir, f), "utf8")).join("\0"))
    .digest("hex")
    .slice(0, 16);
  const base = path.join(root, "data/.pg-test-client");
  const client = path.join(base, "client");
  if (readFileSafe(path.join(base, "hash")) === hash && existsSync(path.join(client, "index.js"))) return client;
  rmSync(base, { recursive: true, force: true });
  mkdirSync(path.join(base, "schema"), { recursive: true });
  for (const file of files) {
    let text = readFileSync(path.join(schemaDir, file), "utf8");
    if (file === "schema.prisma") {
      text = text
        .replace('provider = "sqlite"', 'provider = "postgresql"')
        .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/ignored"')
        .replace('engineType = "client"', 'engineType = "client"\n  output     = "../client"');
    }
    writeFileSync(path.join(base, "schema", file), text);
  }
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["generate", "--schema", path.join(base, "schema"), "--no-hints"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
  writeFileSync(path.join(base, "hash"), hash);
  return client;
}

function readFileSafe(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** A fresh database with the PostgreSQL migrations applied, and a client on it; drop() removes both. */
export async function createPostgresTestDatabase(
  options: { poolSize?: number } = {},
): Promise<{ url: string; db: PrismaClient; drop(): Promise<void> }> {
  const name = `mock_bank_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client(pgConfig(POSTGRES_URL));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const migrationsDir = path.join(root, "prisma/postgres/migrations");
  const setup = new pg.Client(pgConfig(url.toString()));
  await setup.connect();
  for (const dir of readdirSync(migrationsDir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()) {
    await setup.query(readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8"));
  }
  await setup.end();

  const { PrismaClient: PgPrismaClient } = (await import(
    /* @vite-ignore */ pathToFileURL(path.join(postgresClientModule(), "index.js")).href
  )) as { PrismaClient: new (options: object) => PrismaClient };
  // Observed, so the ledger's hot path runs on the driver (databaseDriver) as it does in the bank.
  const adapter = new ObservedPgAdapter({ ...pgConfig(url.toString()), max: options.poolSize ?? 10 });
  const db = withDriver(new PgPrismaClient({ adapter }), adapter);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      const dropper = new pg.Client(pgConfig(POSTGRES_URL));
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
