import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXCLUDED_MODELS, exportedModels, tenantScopedModels } from "./list-tenant-models";
import { remappedId, remapSandboxIds } from "./remap-sandbox-ids";

const schemaDir = fileURLToPath(new URL("../../../../prisma/schema", import.meta.url));
const source = readdirSync(schemaDir)
  .filter((name) => name.endsWith(".prisma"))
  .map((name) => readFileSync(path.join(schemaDir, name), "utf8"))
  .join("\n");

/** The schema's own declarations, read from its source: model → { columns, foreign keys (column → model) }. */
function declaredModels() {
  const models = new Map<string, { columns: string[]; references: { column: string; model: string }[] }>();
  for (const match of source.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const lines = match[2]!.split("\n").map((line) => line.trim());
    const columns = lines.map((line) => /^(\w+)\s+\w/.exec(line)?.[1]).filter((name): name is string => !!name && !name.startsWith("@@"));
    const references = lines.flatMap((line) => {
      const relation = /^\w+\s+(\w+)\??\s+@relation\((?:"\w+",\s*)?fields: \[(\w+)\]/.exec(line);
      return relation ? [{ column: relation[2]!, model: relation[1]! }] : [];
    });
    models.set(match[1]!, { columns, references });
  }
  return models;
}

describe("tenant-scoped models", () => {
  it("every Bank* model with a tenantId is exported or excluded with a reason", () => {
    const declared = [...declaredModels()].filter(([name, model]) => name.startsWith("Bank") && model.columns.includes("tenantId"));
    const exported = new Set(exportedModels().map((model) => model.name));
    const unaccounted = declared.map(([name]) => name).filter((name) => !exported.has(name) && !(name in EXCLUDED_MODELS));
    expect(unaccounted).toEqual([]);
    for (const name of Object.keys(EXCLUDED_MODELS)) expect(exported.has(name)).toBe(false);
    expect(declared.length).toBeGreaterThan(15);
    expect(exported.has("BankTenant")).toBe(true);
    expect(exported.has("BankTransaction")).toBe(true);
  });

  it("reads each model's foreign keys as the schema declares them (the xId convention holds)", () => {
    const declared = declaredModels();
    for (const model of tenantScopedModels()) {
      const expected = declared.get(model.name)!.references.sort((a, b) => a.column.localeCompare(b.column));
      expect(
        [...model.references].sort((a, b) => a.column.localeCompare(b.column)),
        model.name,
      ).toEqual(expected);
    }
  });

  it("orders exports so every model comes after the models it references", () => {
    const order = exportedModels().map((model) => model.name);
    expect(order[0]).toBe("BankTenant");
    for (const model of exportedModels())
      for (const reference of model.references)
        if (order.includes(reference.model))
          expect(order.indexOf(reference.model), `${model.name}.${reference.column}`).toBeLessThan(order.indexOf(model.name));
  });

  it("keeps snapshots out of the tenant's cascade: BankSnapshot has no relation to BankTenant", () => {
    expect(declaredModels().get("BankSnapshot")!.references).toEqual([]);
    expect(EXCLUDED_MODELS.BankSnapshot!.onRestore).toBe("keep");
  });
});

describe("remapping ids for another tenant", () => {
  it("is deterministic per target, keeps the prefix, and differs between targets", () => {
    const id = "acc_3mJ0wqG5XnS1xQbH0pR7tZ";
    expect(remappedId("app_b", id)).toBe(remappedId("app_b", id));
    expect(remappedId("app_b", id)).toMatch(/^acc_[0-9A-Za-z]{22}$/);
    expect(remappedId("app_c", id)).not.toBe(remappedId("app_b", id));
    expect(remappedId("app_b", "loan_x")).toMatch(/^loan_/);
  });

  it("replaces ids wherever they appear: columns, JSON text, free text; the tenant's id too; detaches the grant", () => {
    const acc = "acc_AAAAAAAAAAAAAAAAAAAAAA";
    const cns = "cns_BBBBBBBBBBBBBBBBBBBBBB";
    const tables = new Map<string, Record<string, unknown>[]>([
      ["BankTenant", [{ id: "app_a" }]],
      ["BankAccount", [{ id: acc, tenantId: "app_a", name: "Current" }]],
      [
        "BankConsent",
        [{ id: cns, tenantId: "app_a", appId: "app_a", accountIds: JSON.stringify([acc]), details: `{"x":"${acc}"}`, grantId: "grant1" }],
      ],
      ["BankEvent", [{ id: "evt_C", tenantId: "app_a", payload: `{"object":{"id":"${cns}","account_id":"${acc}","note":"acc_unknown"}}` }]],
    ]);
    const count = remapSandboxIds(tables, "app_a", "app_b");
    const newAcc = remappedId("app_b", acc);
    expect(count).toBe(3);
    expect(tables.get("BankAccount")![0]).toEqual({ id: newAcc, tenantId: "app_b", name: "Current" });
    expect(tables.get("BankConsent")![0]).toEqual({
      id: remappedId("app_b", cns),
      tenantId: "app_b",
      appId: "app_b",
      accountIds: JSON.stringify([newAcc]),
      details: `{"x":"${newAcc}"}`,
      grantId: null,
    });
    expect(tables.get("BankEvent")![0]!.payload).toBe(
      `{"object":{"id":"${remappedId("app_b", cns)}","account_id":"${newAcc}","note":"acc_unknown"}}`,
    );
  });
});
