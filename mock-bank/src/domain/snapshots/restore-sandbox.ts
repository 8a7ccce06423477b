import { Prisma, type PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { countRows, type SnapshotCounts } from "./export-sandbox";
import { EXCLUDED_MODELS, exportedModels, tenantScopedModels } from "./list-tenant-models";
import type { ParsedExport } from "./parse-sandbox-export";
import { remapSandboxIds } from "./remap-sandbox-ids";

export type RestoreResult = {
  counts: SnapshotCounts;
  /** The tenant's clock after the restore: the file's sandbox time. */
  now: Date;
  clockOffsetSeconds: number;
  /** True when the file came from another tenant and every id was replaced. */
  idsRemapped: boolean;
  /** Outbox events that had not been delivered when the file was taken, now marked delivered. */
  eventsMarkedDelivered: number;
};

type Delegate = {
  deleteMany(args: object): Promise<unknown>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<unknown>;
  create(args: { data: Record<string, unknown> }): Promise<unknown>;
};

const CHUNK = 500;
/** Value too long, wrong type, unique key taken, foreign key missing, null in a required column. */
const FILE_FAULTS = new Set(["P2000", "P2002", "P2003", "P2005", "P2006", "P2007", "P2009", "P2011", "P2012"]);

/** A database refusal of the file's rows (a missing required column, a duplicate key) is the file's fault. */
function refusal(error: unknown): AppError | null {
  let detail: string;
  if (error instanceof Prisma.PrismaClientKnownRequestError && FILE_FAULTS.has(error.code))
    detail = error.code === "P2002" ? "a row's key already exists elsewhere in the bank" : "the rows do not fit the table";
  else if (error instanceof Prisma.PrismaClientValidationError)
    detail = "the rows do not fit the table (a required column is missing or has the wrong type)";
  else return null;
  const model = /prisma\.(\w+)\./.exec((error as Error).message)?.[1];
  const table = model ? model.charAt(0).toUpperCase() + model.slice(1) : undefined;
  return new AppError("invalid_sandbox_export", `The file cannot be imported: ${table ?? "a table"}: ${detail}.`, {
    errors: [{ pointer: `/body/tables${table ? `/${table}` : ""}`, detail }],
  });
}

/**
 * Replaces a tenant's whole state with a parsed export, in one transaction (all or nothing):
 * - from another tenant, every id is remapped first (remap-sandbox-ids.ts); from the same
 *   tenant, ids stay as they are, so reads answer exactly as when the file was taken;
 * - the tenant row is deleted (every row with a foreign key to it cascades), then any
 *   remaining tenant-scoped row is deleted too, except the app's snapshots (BankSnapshot has
 *   no foreign key to the tenant on purpose: they outlive resets and restores);
 * - the file's rows are inserted in foreign-key order; the tenant's clock offset is computed
 *   from the real time now so the clock reads the file's sandbox time again;
 * - outbox events the file holds as undelivered are stored as delivered now: the portal saw
 *   (or will never see) them in the state they came from, and a restore must not fire
 *   webhooks for the past a second time.
 * The caller must forget the remembered tenant (its clock changed).
 */
export async function restoreSandbox(options: {
  db: PrismaClient;
  tenantId: string;
  file: ParsedExport;
  realNow: Date;
}): Promise<RestoreResult> {
  const { db, tenantId, file, realNow } = options;
  const idsRemapped = file.tenant !== tenantId;
  if (idsRemapped) remapSandboxIds(file.tables, file.tenant, tenantId);

  const clockOffsetSeconds = Math.round((file.sandboxTime.getTime() - realNow.getTime()) / 1000);
  const [tenantRow] = file.tables.get("BankTenant")!;
  const tenant = { ...tenantRow, id: tenantId, clockOffsetSeconds };
  let eventsMarkedDelivered = 0;
  for (const event of file.tables.get("BankEvent") ?? []) {
    if (event.deliveredAt) continue;
    event.deliveredAt = realNow;
    event.claimedUntil = null;
    eventsMarkedDelivered += 1;
  }

  const ordered = exportedModels();
  const client = (tx: Prisma.TransactionClient, delegate: string) => (tx as unknown as Record<string, Delegate>)[delegate]!;
  try {
    await db.$transaction(
      async (tx) => {
        await tx.bankTenant.deleteMany({ where: { id: tenantId } });
        const rest = tenantScopedModels().filter(
          (model) => model.name !== "BankTenant" && EXCLUDED_MODELS[model.name]?.onRestore !== "keep",
        );
        for (const model of rest.reverse()) await client(tx, model.delegate).deleteMany({ where: { tenantId } });
        await tx.bankTenant.create({ data: tenant as Prisma.BankTenantUncheckedCreateInput });
        for (const model of ordered) {
          if (model.name === "BankTenant") continue;
          const rows = file.tables.get(model.name) ?? [];
          for (let start = 0; start < rows.length; start += CHUNK)
            await client(tx, model.delegate).createMany({ data: rows.slice(start, start + CHUNK) });
        }
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    throw refusal(error) ?? error;
  }
  const tables = Object.fromEntries(file.tables) as Record<string, Record<string, unknown>[]>;
  return {
    counts: countRows(tables),
    now: new Date(realNow.getTime() + clockOffsetSeconds * 1000),
    clockOffsetSeconds,
    idsRemapped,
    eventsMarkedDelivered,
  };
}
