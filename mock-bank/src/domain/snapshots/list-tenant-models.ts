import { Prisma } from "@prisma/client";

/**
 * The tenant-scoped bank models, read from Prisma's data model at run time, so a table another
 * change adds (with a `tenantId`) is exported, imported and restored without code here.
 *
 * The generated client carries a trimmed data model (names, kinds, types, relation names; no
 * nullability, no foreign-key fields), so two conventions of prisma/schema/bank.prisma are
 * relied on, and checked against the schema's source by list-tenant-models.test.ts:
 * - a row's id is its `id` field;
 * - a relation field `x` is held by this model when it has a scalar `xId` (`account` →
 *   `accountId`); the other side (`accounts`, or `loan` on BankAccount) has no such scalar.
 */

/** Tenant-scoped models left out of exports, each with why, and what a restore does with the tenant's current rows. */
export const EXCLUDED_MODELS: Record<string, { why: string; onRestore: "delete" | "keep" }> = {
  BankIdempotencyKey: {
    why: "Replay records of requests (24 h): they describe requests made against the state being replaced, so a restore drops them (a retried request runs again against the restored state).",
    onRestore: "delete",
  },
  BankAuthorizationRequest: {
    why: "A browser's pass through /oauth/authorize (real-time minutes, a browser-binding hash): short-lived, meaningless in another state.",
    onRestore: "delete",
  },
  BankAuthorizationCode: {
    why: "Credentials (hashed authorization codes): never stored in a snapshot. A restored consent keeps its status; the app gets new tokens.",
    onRestore: "delete",
  },
  BankOAuthToken: {
    why: "Credentials (hashed access and refresh tokens): never stored in a snapshot. A restored consent keeps its status; the app mints new tokens (or refreshes through the authorization server).",
    onRestore: "delete",
  },
  BankSnapshot: {
    why: "The snapshots themselves: an export does not contain earlier exports, and a restore keeps every snapshot of the app.",
    onRestore: "keep",
  },
};

export type ScalarType = "String" | "Int" | "BigInt" | "Float" | "Boolean" | "DateTime" | "Bytes" | "Json" | "Decimal";

export type TenantModel = {
  name: string;
  /** The client's delegate, e.g. `bankAccount`. */
  delegate: string;
  scalars: { name: string; type: ScalarType }[];
  /** Whether rows have an `id` (ids are remapped when importing another tenant's export). */
  hasId: boolean;
  /** Foreign keys this model holds: column → referenced model (by its `id`). */
  references: { column: string; model: string }[];
};

type DmmfField = { name: string; kind: string; type: string };

function describe(model: { name: string; fields: readonly DmmfField[] }): TenantModel {
  const scalars = model.fields.filter((field) => field.kind === "scalar" || field.kind === "enum");
  const names = new Set(scalars.map((field) => field.name));
  const references = model.fields
    .filter((field) => field.kind === "object" && names.has(`${field.name}Id`))
    .map((field) => ({ column: `${field.name}Id`, model: field.type }));
  return {
    name: model.name,
    delegate: model.name.charAt(0).toLowerCase() + model.name.slice(1),
    scalars: scalars.map((field) => ({ name: field.name, type: (field.kind === "enum" ? "String" : field.type) as ScalarType })),
    hasId: names.has("id"),
    references,
  };
}

/** Every Bank* model with a `tenantId` column (BankTenant itself too: its row carries the tenant's settings). */
export function tenantScopedModels(): TenantModel[] {
  return Prisma.dmmf.datamodel.models
    .filter((model) => model.name.startsWith("Bank"))
    .filter((model) => model.name === "BankTenant" || model.fields.some((field) => field.name === "tenantId" && field.kind === "scalar"))
    .map((model) => describe(model as unknown as { name: string; fields: DmmfField[] }));
}

/**
 * The models an export holds, in insert order: BankTenant first, then each model after every
 * model it references (deleting runs the other way).
 */
export function exportedModels(): TenantModel[] {
  const models = tenantScopedModels().filter((model) => !(model.name in EXCLUDED_MODELS));
  const byName = new Map(models.map((model) => [model.name, model]));
  const ordered: TenantModel[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (model: TenantModel) => {
    if (state.get(model.name) === "done") return;
    if (state.get(model.name) === "visiting") throw new Error(`foreign-key cycle through ${model.name}`);
    state.set(model.name, "visiting");
    for (const reference of model.references) {
      const target = byName.get(reference.model);
      if (target && target !== model) visit(target);
    }
    state.set(model.name, "done");
    ordered.push(model);
  };
  const tenant = byName.get("BankTenant");
  if (tenant) visit(tenant);
  for (const model of models) visit(model);
  return ordered;
}
