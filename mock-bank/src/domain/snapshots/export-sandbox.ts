import type { PrismaClient } from "@prisma/client";
import { exportedModels, type ScalarType, type TenantModel } from "./list-tenant-models";

export const EXPORT_FORMAT = "openbank.sandbox-export";
export const EXPORT_VERSION = 1;

export type ExportRow = Record<string, unknown>;

/** Rows of the kinds a developer counts, for snapshots' and restores' summaries. */
export type SnapshotCounts = {
  customers: number;
  accounts: number;
  transactions: number;
  payments: number;
  consents: number;
  events: number;
  /** Every row of every table in the file. */
  rows: number;
};

/** The file `GET /v1/sandbox/export` answers with (and a snapshot stores). */
export type SandboxExportFile = {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** The tenant (app) it was taken from: an import into another one remaps every id. */
  tenant: string;
  /** Real time. */
  taken_at: string;
  /** The tenant's clock when it was taken: a restore sets the clock back to it. */
  sandbox_time: string;
  seed_version: number;
  counts: SnapshotCounts;
  /** Rows per model, columns as in the schema; BigInt and DateTime as strings, Bytes as base64. */
  tables: Record<string, ExportRow[]>;
};

/** A database value as JSON, exactly: integers that do not fit a double and instants as strings. */
export function encodeValue(type: ScalarType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "BigInt":
    case "Decimal":
      return String(value);
    case "DateTime":
      return (value as Date).toISOString();
    case "Bytes":
      return Buffer.from(value as Uint8Array).toString("base64");
    default:
      return value;
  }
}

function encodeRow(model: TenantModel, row: Record<string, unknown>): ExportRow {
  const encoded: ExportRow = {};
  for (const { name, type } of model.scalars) encoded[name] = encodeValue(type, row[name]);
  return encoded;
}

const countOf = (tables: Record<string, ExportRow[]>, model: string) => tables[model]?.length ?? 0;

export function countRows(tables: Record<string, ExportRow[]>): SnapshotCounts {
  return {
    customers: countOf(tables, "BankCustomer"),
    accounts: countOf(tables, "BankAccount"),
    transactions: countOf(tables, "BankTransaction"),
    payments: countOf(tables, "BankPayment"),
    consents: countOf(tables, "BankConsent"),
    events: countOf(tables, "BankEvent"),
    rows: Object.values(tables).reduce((sum, rows) => sum + rows.length, 0),
  };
}

type Delegate = { findMany(args: object): Promise<Record<string, unknown>[]> };

/**
 * Reads every exported table of the tenant in one transaction (a consistent state), rows in id
 * order so the same state always gives the same file.
 */
export async function exportSandbox(options: {
  db: PrismaClient;
  tenantId: string;
  realNow: Date;
  sandboxTime: Date;
}): Promise<SandboxExportFile> {
  const { db, tenantId } = options;
  const models = exportedModels();
  const { tables, seedVersion } = await db.$transaction(
    async (tx) => {
      const tables: Record<string, ExportRow[]> = {};
      for (const model of models) {
        const delegate = (tx as unknown as Record<string, Delegate>)[model.delegate];
        const where = model.name === "BankTenant" ? { id: tenantId } : { tenantId };
        const rows = await delegate.findMany({ where, ...(model.hasId ? { orderBy: { id: "asc" } } : {}) });
        const encoded = rows.map((row) => encodeRow(model, row));
        if (!model.hasId) encoded.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        tables[model.name] = encoded;
      }
      const tenant = tables.BankTenant?.[0] as { seedVersion?: number } | undefined;
      return { tables, seedVersion: tenant?.seedVersion ?? 0 };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    tenant: tenantId,
    taken_at: options.realNow.toISOString(),
    sandbox_time: options.sandboxTime.toISOString(),
    seed_version: seedVersion,
    counts: countRows(tables),
    tables,
  };
}
