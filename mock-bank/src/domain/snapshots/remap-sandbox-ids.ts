import { createHash } from "node:crypto";
import { toBase62 } from "@openbank/contracts/ids";
import { exportedModels } from "./list-tenant-models";

/**
 * The id a row of `source` gets when its export is imported into `target`: primary keys are
 * global, so another tenant's ids cannot be reused. Deterministic (the same file imported twice
 * gives the same ids) and keeps the kind's prefix (`acc_`, `txn_`…).
 */
export function remappedId(target: string, id: string): string {
  const underscore = id.indexOf("_");
  const prefix = underscore > 0 ? id.slice(0, underscore) : "id";
  const digest = createHash("sha256").update(`sandbox-import\0${target}\0${id}`).digest();
  return `${prefix}_${toBase62(digest.subarray(0, 17), 22)}`;
}

/**
 * Columns that point at records an export does not carry and that belong to the source app:
 * emptied when the file goes into another tenant. BankConsent.grantId is the authorization
 * server's grant (BankOidcRecord, not tenant-scoped, and unique across the bank).
 */
export const DETACHED_ON_IMPORT: Record<string, string[]> = { BankConsent: ["grantId"] };

const TOKEN = /[A-Za-z0-9_]+/g;

/**
 * Rewrites a decoded export for another tenant: the source tenant's id becomes the target's
 * (tenantId, appId columns), and every row id becomes `remappedId(target, id)` wherever it
 * appears: as a column's value, or inside a text column (JSON lists of account ids, a
 * consent's details, an event's payload, a statement reference). Rows change in place.
 */
export function remapSandboxIds(tables: Map<string, Record<string, unknown>[]>, source: string, target: string): number {
  const models = exportedModels();
  const map = new Map<string, string>([[source, target]]);
  for (const model of models) {
    if (!model.hasId || model.name === "BankTenant") continue;
    for (const row of tables.get(model.name) ?? []) map.set(row.id as string, remappedId(target, row.id as string));
  }
  const rewrite = (text: string) => text.replace(TOKEN, (token) => map.get(token) ?? token);
  for (const model of models) {
    const strings = model.scalars.filter((scalar) => scalar.type === "String").map((scalar) => scalar.name);
    const detached = DETACHED_ON_IMPORT[model.name] ?? [];
    for (const row of tables.get(model.name) ?? []) {
      for (const column of strings) {
        const value = row[column];
        if (typeof value === "string") row[column] = rewrite(value);
      }
      for (const column of detached) if (column in row) row[column] = null;
    }
  }
  return map.size - 1;
}
