import { z } from "zod";
import { AppError, type FieldError } from "@openbank/contracts/errors";
import { EXPORT_FORMAT, EXPORT_VERSION } from "./export-sandbox";
import { exportedModels, type ScalarType, type TenantModel } from "./list-tenant-models";

/** A file's rows decoded to what the database client takes (BigInt, Date, Buffer). */
export type ParsedExport = {
  tenant: string;
  sandboxTime: Date;
  tables: Map<string, Record<string, unknown>[]>;
};

const MAX_ERRORS = 50;
const TENANT_ID = /^[A-Za-z0-9_]{1,64}$/;
const INSTANT = z.iso.datetime({ offset: true });

const Envelope = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}": export the file with GET /v1/sandbox/export` }),
  version: z.literal(EXPORT_VERSION, { error: `must be ${EXPORT_VERSION}, the only version this bank reads` }),
  tenant: z.string().regex(TENANT_ID, "must be the id of the app the file was exported from"),
  taken_at: INSTANT,
  sandbox_time: INSTANT,
  seed_version: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number()).optional(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64");
const columnSchemas: Record<ScalarType, z.ZodType> = {
  String: z.string(),
  Int: z.number().int(),
  Float: z.number(),
  Boolean: z.boolean(),
  BigInt: z.string().regex(/^-?\d{1,19}$/, "must be an integer as a string"),
  Decimal: z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal as a string"),
  DateTime: INSTANT,
  Bytes: base64,
  Json: z.unknown(),
};

function decodeValue(type: ScalarType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (type) {
    case "BigInt":
      return BigInt(value as string);
    case "DateTime":
      return new Date(value as string);
    case "Bytes":
      return Buffer.from(value as string, "base64");
    default:
      return value;
  }
}

const escape = (segment: string | number) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Checks a file against the format and this bank's tables, and decodes it: every problem is
 * collected with a JSON pointer under `base` (at most 50), and any problem refuses the whole
 * file (422 `invalid_sandbox_export`) before anything is written. Beyond each column's type it
 * checks that every row belongs to the file's tenant, ids are unique, and every foreign key
 * points at a row the file contains (a file can only be restored whole).
 */
export function parseSandboxExport(input: unknown, base = "/body"): ParsedExport {
  const errors: FieldError[] = [];
  const fail = (path: (string | number)[], detail: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ pointer: [base, ...path.map(escape)].join("/"), detail });
  };
  const refuse = () => {
    throw new AppError("invalid_sandbox_export", `The file cannot be imported: ${errors[0]!.pointer}: ${errors[0]!.detail}`, {
      errors,
    });
  };

  const envelope = Envelope.safeParse(input);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) fail(issue.path as (string | number)[], issue.message);
    refuse();
  }
  const file = envelope.data!;
  const models = new Map<string, TenantModel>(exportedModels().map((model) => [model.name, model]));
  for (const name of Object.keys(file.tables)) {
    if (!models.has(name)) fail(["tables", name], "not a table of this bank's sandbox exports");
  }

  const tables = new Map<string, Record<string, unknown>[]>();
  const ids = new Map<string, Set<string>>();
  for (const model of models.values()) {
    const rows = file.tables[model.name] ?? [];
    const columns = new Map(model.scalars.map((scalar) => [scalar.name, scalar.type]));
    const seen = new Set<string>();
    const decoded = rows.map((row, index) => {
      const out: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        const type = columns.get(column);
        if (!type) {
          fail(["tables", model.name, index, column], `not a column of ${model.name}`);
          continue;
        }
        if (value !== null) {
          const checked = columnSchemas[type].safeParse(value);
          if (!checked.success) fail(["tables", model.name, index, column], checked.error.issues[0]!.message);
        }
        out[column] = decodeValue(type, value);
      }
      const owner = model.name === "BankTenant" ? row.id : row.tenantId;
      if (owner !== file.tenant)
        fail(["tables", model.name, index, model.name === "BankTenant" ? "id" : "tenantId"], `must be "${file.tenant}", the file's tenant`);
      if (model.hasId && model.name !== "BankTenant") {
        if (typeof row.id !== "string") fail(["tables", model.name, index, "id"], "required");
        else if (seen.has(row.id)) fail(["tables", model.name, index, "id"], `${row.id} appears twice`);
        else seen.add(row.id);
      }
      return out;
    });
    ids.set(model.name, seen);
    tables.set(model.name, decoded);
  }
  if ((file.tables.BankTenant ?? []).length !== 1) fail(["tables", "BankTenant"], "must hold exactly one row: the tenant");
  if (errors.length) refuse();

  for (const model of models.values()) {
    tables.get(model.name)!.forEach((row, index) => {
      for (const { column, model: target } of model.references) {
        const value = row[column];
        if (value === null || value === undefined || target === "BankTenant") continue;
        if (!ids.get(target)?.has(value as string))
          fail(["tables", model.name, index, column], `refers to ${target} ${String(value)}, which the file does not contain`);
      }
    });
  }
  if (errors.length) refuse();
  return { tenant: file.tenant, sandboxTime: new Date(file.sandbox_time), tables };
}
