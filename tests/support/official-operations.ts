import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { STANDARD_DOCUMENTS, STANDARDS_DIR, type StandardName } from "./standards-contract";

/**
 * The operations of the OFFICIAL documents (../shared/standards), by method and path template, to
 * hold the sandbox's generated documents against: an operation of ours is the official one with
 * the same method whose template matches our path (a literal segment beats a parameter, so
 * `/v1/consents/{consentId}` is the consent's, not `/v1/{payment-service}/{payment-product}`).
 */

export type OfficialOperation = { document: StandardName; method: string; template: string; operationId: string };

const METHODS = ["get", "put", "post", "delete", "patch"];
const loaded = new Map<StandardName, OfficialOperation[]>();

export function officialOperations(document: StandardName): OfficialOperation[] {
  const found = loaded.get(document);
  if (found) return found;
  const meta = STANDARD_DOCUMENTS.find((candidate) => candidate.name === document)!;
  const doc = parse(readFileSync(path.join(STANDARDS_DIR, meta.file), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      document,
      method: method.toUpperCase(),
      template,
      operationId: item[method].operationId ?? "",
    })),
  );
  loaded.set(document, operations);
  return operations;
}

const literals = (template: string) => template.split("/").filter((part) => part && !part.startsWith("{")).length;
const pattern = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`);

/**
 * The official operation a sandbox operation implements: `path` is the full path on the portal's
 * origin (`/open-banking/v4.0/aisp/accounts`, `/berlin-group/v1/consents/{consentId}`), with our
 * own parameter names.
 */
export function findOfficialOperation(method: string, fullPath: string): OfficialOperation | undefined {
  const candidates = STANDARD_DOCUMENTS.filter((meta) => fullPath.startsWith(`${meta.prefix}/`)).flatMap((meta) =>
    officialOperations(meta.name)
      .filter(
        (operation) => operation.method === method.toUpperCase() && pattern(operation.template).test(fullPath.slice(meta.prefix.length)),
      )
      .map((operation) => ({ operation, literals: literals(operation.template) })),
  );
  return candidates.sort((a, b) => b.literals - a.literals)[0]?.operation;
}
