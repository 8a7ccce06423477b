// First run: write random local secrets to .env.local (git-ignored) so nothing needs
// configuring by hand. Existing values are never touched.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";

const SECRETS = {
  NEXTAUTH_SECRET: "Signs portal session cookies.",
  API_KEY_PEPPER: "Server-side pepper for the HMAC of API keys. Changing it invalidates every key.",
  BANK_INTERNAL_SECRET: "Shared by the gateway and the mock bank; the bank refuses calls without it.",
};

export function ensureLocalSecrets(file = ".env.local") {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const missing = Object.keys(SECRETS).filter((name) => !process.env[name] && !new RegExp(`^${name}=`, "m").test(existing));
  if (missing.length === 0) return [];
  const lines = missing.map((name) => `# ${SECRETS[name]}\n${name}=${randomBytes(32).toString("base64url")}\n`);
  appendFileSync(file, (existing && !existing.endsWith("\n") ? "\n" : "") + lines.join(""));
  return missing;
}
