import { containsCredential } from "@openbank/contracts/credential-formats";

/** Keys that name a secret: their values never reach an audit row, whatever a caller passes. */
const SECRET_KEY = /secret|token|password|hash|pepper|signature|authorization|cookie|api_?key$/i;
/** Values holding one of our credentials (any format of @openbank/contracts/credential-formats). */
const isSecretValue = (value: string) => containsCredential(value);

export type AuditMetadata = Record<string, string | number | boolean | null | string[]>;

/**
 * A defensive copy of audit metadata with anything secret-looking replaced by "[redacted]":
 * callers should never pass secrets, and this makes sure a slip does not become permanent.
 */
export function sanitizeMetadata(metadata: AuditMetadata = {}): AuditMetadata {
  const clean: AuditMetadata = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (SECRET_KEY.test(key)) clean[key] = "[redacted]";
    else if (typeof value === "string" && isSecretValue(value)) clean[key] = "[redacted]";
    else if (Array.isArray(value)) clean[key] = value.map((item) => (isSecretValue(item) ? "[redacted]" : item));
    else clean[key] = value;
  }
  return clean;
}
