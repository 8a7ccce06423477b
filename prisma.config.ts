import { defineConfig } from "prisma/config";
import { databaseProvider, DEFAULT_PORTAL_DATABASE_URL } from "./packages/database/src/database-url";
import { postgresMigrationAdapter, sqliteMigrationAdapter } from "./prisma/migration-adapters";

// The CLI does not read .env when this file exists; scripts/db.mjs passes DATABASE_URL.
const url = process.env.DATABASE_URL ?? DEFAULT_PORTAL_DATABASE_URL;
const sqlite = databaseProvider(url) === "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: sqlite ? "prisma/schema" : "prisma/postgres/schema",
  migrations: { path: sqlite ? "prisma/migrations" : "prisma/postgres/migrations" },
  adapter: async () => (sqlite ? sqliteMigrationAdapter(url) : postgresMigrationAdapter(url)),
});
