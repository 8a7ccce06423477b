import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey } from "./derive-key";

/**
 * Sealing: secrets the portal must read back (TOTP seeds), encrypted at rest with AES-256-GCM.
 *
 *   v1.<iv>.<ciphertext>.<tag>     (base64url parts; a random 96-bit IV per seal)
 *
 * The key is derived from NEXTAUTH_SECRET for a purpose ("totp-seed"), and `context` (the owner's
 * id) is authenticated with it: a sealed value copied onto another row, or sealed for another
 * purpose, does not open. Tampering with any part fails the tag.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealOptions = {
  /** What the value is for; each purpose has its own key. */
  purpose: string;
  /** What the value belongs to (a user id): authenticated, not stored. */
  context?: string;
  /** The secret the key is derived from; NEXTAUTH_SECRET by default. */
  secret?: string;
};

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

function aad(options: SealOptions): Buffer {
  return Buffer.from(`${VERSION}\0${options.purpose}\0${options.context ?? ""}`, "utf8");
}

export function seal(plaintext: string, options: SealOptions): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(`seal/${options.purpose}`, options.secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(options));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** Opens a sealed value; throws SealError when it is malformed, tampered with, or sealed with another key, purpose or context. */
export function unseal(sealed: string, options: SealOptions): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SealError("Not a sealed value of a known version");
  const [, ivText, ciphertextText, tagText] = parts;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError("Malformed sealed value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(`seal/${options.purpose}`, options.secret), iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(options));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("The sealed value does not open with this key (tampered, or sealed for something else)");
  }
}
