import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/**
 * Validates a value against one component schema of an official standard's document
 * (../shared/standards), for answers no operation declares (the gateway's own refusals are the
 * same whatever the route). OpenAPI 3.0 schemas are JSON Schema draft 4 with extra keywords,
 * which `strict: false` lets through. Until the shared conformance helper
 * (tests/support/standards-contract.ts) offers component validation, this is that.
 *
 * A missing document fails under CI=true and is reported (validation skipped) otherwise.
 */
export const STANDARD_DOCUMENTS = {
  ukAccountInfo: "uk-ob-account-info-4.0.yaml",
  ukPaymentInitiation: "uk-ob-payment-initiation-4.0.yaml",
  berlinGroup: "berlin-group-psd2-api-1.3.11.yaml",
} as const;

const STANDARDS_DIR = path.resolve(process.cwd(), "..", "..", "shared", "standards");
const FALLBACK_DIR = "/work/shared/standards";

type Json = Record<string, unknown>;
const validators = new Map<string, Ajv | null>();

/** The published documents repeat some enum values (OBFrequency6Code); ajv refuses those, and nothing else changes. */
function withoutDuplicateEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDuplicateEnums);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) =>
      key === "enum" && Array.isArray(child) ? [key, [...new Set(child)]] : [key, withoutDuplicateEnums(child)],
    ),
  );
}

function load(file: string): Ajv | null {
  if (validators.has(file)) return validators.get(file)!;
  const found = [STANDARDS_DIR, FALLBACK_DIR].map((dir) => path.join(dir, file)).find((candidate) => existsSync(candidate));
  if (!found) {
    if (process.env.CI === "true") throw new Error(`The standard's document ${file} is missing (../shared/standards).`);
    console.warn(`[standards] ${file} not found: component validation skipped`);
    validators.set(file, null);
    return null;
  }
  const document = withoutDuplicateEnums(parse(readFileSync(found, "utf8"))) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ id: `${file}#`, components: document.components } as Json, file);
  validators.set(file, ajv);
  return ajv;
}

/** `{ valid: true }`, or the validator's errors; `{ valid: true, skipped: true }` without the document (outside CI). */
export function validateComponent(
  document: keyof typeof STANDARD_DOCUMENTS,
  schema: string,
  value: unknown,
): { valid: true; skipped?: true } | { valid: false; errors: string[] } {
  const file = STANDARD_DOCUMENTS[document];
  const ajv = load(file);
  if (!ajv) return { valid: true, skipped: true };
  const validate = ajv.getSchema(`${file}#/components/schemas/${schema}`);
  if (!validate) throw new Error(`${file} has no component schema ${schema}`);
  if (validate(value)) return { valid: true };
  return { valid: false, errors: (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message}`) };
}
