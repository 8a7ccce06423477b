import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp, type BankApp } from "../src/app";
import { parseBankEnv } from "../src/env";
import { createOpenApiValidator, type OpenApiValidator } from "./openapi-validator";

/** A secret of the required length, only for tests. */
export const TEST_SECRET = "test-internal-secret-".padEnd(40, "x");
export const PORTAL_URL = "http://portal.test";

type SqliteDatabase = { exec(sql: string): void; close(): void };
const require = createRequire(import.meta.url);
const Database = require("better-sqlite3") as new (file: string) => SqliteDatabase;

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const migrationSql = readdirSync(migrationsDir)
  .filter((name) => /^\d{14}_/.test(name))
  .sort()
  .map((name) => readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));

/** A fresh SQLite file with every committed migration applied (no Prisma CLI: ~10 ms). */
export function createTestDatabase(): { url: string; file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "mock-bank-test-"));
  const file = path.join(dir, "bank.db");
  const db = new Database(file);
  try {
    db.exec("PRAGMA journal_mode = WAL;");
    for (const sql of migrationSql) db.exec(sql);
  } finally {
    db.close();
  }
  return { url: `file:${file}`, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type TestApp = { app: BankApp; databaseUrl: string; close(): Promise<void> };

/** The app on its own fresh database; close() also deletes the database. */
export async function buildTestApp(
  options: {
    now?: () => Date;
    sleep?: (ms: number) => Promise<void>;
    databaseUrl?: string;
    logger?: { stream: NodeJS.WritableStream };
  } = {},
): Promise<TestApp> {
  const database = options.databaseUrl ? null : createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  const env = parseBankEnv({
    BANK_DATABASE_URL: databaseUrl,
    BANK_INTERNAL_SECRET: TEST_SECRET,
    PORTAL_URL,
    LOG_LEVEL: "info",
    // Tests run the live-activity ticker themselves (app.liveActivity.tick()), on their own clock.
    BANK_LIVE_ACTIVITY_INTERVAL_MS: "0",
  });
  const app = await buildApp({ env, logger: options.logger ?? false, now: options.now, sleep: options.sleep });
  return {
    app,
    databaseUrl,
    async close() {
      await app.close();
      database?.remove();
    },
  };
}

/** The headers the portal's gateway sends. */
export function gatewayHeaders(tenantId = "app_tenantA", extra: Record<string, string> = {}): Record<string, string> {
  return { "x-internal-secret": TEST_SECRET, "x-tenant-id": tenantId, "x-app-id": tenantId, ...extra };
}

/** GET as the gateway would, for a tenant. */
export async function getAs(app: BankApp, tenantId: string, url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: "GET", url, headers: gatewayHeaders(tenantId, headers) });
  return { response, body: response.json() };
}

/** A response from app.inject checked against the app's own OpenAPI document. */
export function expectMatchesContract(
  contract: OpenApiValidator,
  method: string,
  pathTemplate: string,
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
): void {
  contract.assertResponse({
    method,
    path: pathTemplate,
    status: response.statusCode,
    contentType: String(response.headers["content-type"] ?? ""),
    body: response.body === "" ? undefined : JSON.parse(response.body),
  });
}

/** The app's own document (readies the app: add test-only routes before calling this). */
export async function contractOf(app: BankApp): Promise<OpenApiValidator> {
  await app.ready();
  return createOpenApiValidator(app.swagger());
}

// Parsed JSON: tests read fields freely; the contract check above has already validated the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reply = { status: number; headers: Record<string, unknown>; body: any };

/**
 * Calls the app as the gateway would and checks every answer against the OpenAPI document
 * (the operation's documented response for that status, or the Problem schema for routes
 * outside the document).
 */
export async function bankClient(app: BankApp) {
  const contract = await contractOf(app);
  async function request(options: {
    method?: string;
    url: string;
    template?: string;
    tenant?: string | null;
    headers?: Record<string, string>;
    payload?: string;
  }): Promise<Reply> {
    const method = options.method ?? "GET";
    const headers = options.tenant === null ? { ...options.headers } : gatewayHeaders(options.tenant ?? "app_alpha", options.headers);
    const response = await app.inject({ method: method as "GET", url: options.url, headers, payload: options.payload });
    const body = response.body === "" ? undefined : response.json();
    if (options.template) {
      expectMatchesContract(contract, method, options.template, response);
    } else if (response.statusCode >= 400) {
      const result = contract.validateComponent("Problem", body);
      if (!result.valid) throw new Error(`problem body does not match the Problem schema: ${result.errors.join("; ")}`);
    }
    return { status: response.statusCode, headers: response.headers, body };
  }
  return {
    contract,
    request,
    get: (template: string, url: string, options: { tenant?: string | null; headers?: Record<string, string> } = {}) =>
      request({ url, template, ...options }),
  };
}

/** The problem+json contract: status, code, content type, request id, no stack. */
export function expectProblemShape(reply: Reply, status: number, code: string): void {
  if (reply.status !== status || reply.body?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  if (!String(reply.headers["content-type"]).startsWith("application/problem+json"))
    throw new Error(`content-type ${reply.headers["content-type"]}`);
  if (reply.body.type !== `${PORTAL_URL}/docs/errors#${code}`) throw new Error(`type ${reply.body.type}`);
  if (!reply.body.request_id || reply.body.request_id !== reply.headers["x-request-id"])
    throw new Error("request id missing or different from the header");
  if (/\bat .+:\d+:\d+/.test(JSON.stringify(reply.body))) throw new Error("stack trace in a problem body");
}
