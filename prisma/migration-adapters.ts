/**
 * Driver adapters for the Prisma CLI (migrate, db push) with the JS schema engine.
 * Both wrap the stock adapters to work around gaps documented in shared/STACK-NOTES.md:
 * - SQLite: the engine sends whole migration scripts through executeRaw, which
 *   better-sqlite3 rejects for more than one statement → route those to executeScript.
 * - PostgreSQL: catalog columns of type name/char (18/19) and their arrays confuse the
 *   deserialiser (prisma#27403) → relabel them as text; and own the shadow database.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { pgConfig, sqliteFile } from "@openbank/database/database-url";

function splitScripts<T extends SqlDriverAdapter>(adapter: T): T {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

export function sqliteMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const file = sqliteFile(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: file });
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => splitScripts(await connect());
  factory.connectToShadowDb = async () => splitScripts(await connectToShadowDb());
  return factory;
}

const TEXT = 25;
const TEXT_ARRAY = 1009;
const relabel: Record<number, number> = { 18: TEXT, 19: TEXT, 1002: TEXT_ARRAY, 1003: TEXT_ARRAY };

function fixCatalogTypes<T extends SqlDriverAdapter>(adapter: T): T {
  const target = adapter as unknown as { performIO(query: SqlQuery): Promise<{ fields?: { dataTypeID: number }[] }> };
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) field.dataTypeID = relabel[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  return adapter;
}

export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const config = { ...pgConfig(url), allowExitOnIdle: true };
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => fixCatalogTypes(await connect());
  factory.connectToShadowDb = async () => {
    const database = `prisma_shadow_${Date.now()}`;
    const admin = new pg.Client(config);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = fixCatalogTypes(await new PrismaPg({ ...config, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose(); // close the pool first, or DROP DATABASE waits on our own sessions
      const cleanup = new pg.Client(config);
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}"`);
      await cleanup.end();
    };
    return shadow;
  };
  return factory;
}
