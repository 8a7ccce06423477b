import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Signing secrets must be read back to sign, so they are stored encrypted (AES-256-GCM), never
 * in clear: a database dump alone does not let anyone forge deliveries. The key is derived
 * (HKDF-SHA256) from API_KEY_PEPPER, which already never leaves the server; changing the pepper
 * makes existing endpoints' secrets unreadable (rotate them). Format: v1.<iv>.<tag>.<ciphertext>.
 */
function key(pepper: string): Buffer {
  return Buffer.from(hkdfSync("sha256", pepper, "open-bank-portal", "webhook-signing-secrets/v1", 32));
}

export function sealSecret(secret: string, pepper: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(pepper), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function openSecret(sealed: string, pepper: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("not a sealed webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key(pepper), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
