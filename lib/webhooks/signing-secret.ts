import { randomBytes } from "node:crypto";
import { credentialPrefix } from "@openbank/contracts/credential-formats";

const PREFIX = credentialPrefix("webhook_signing_secret");

/** A new Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes (192 bits). */
export function generateSigningSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

/** The HMAC key of a `whsec_…` secret: the base64 after the prefix, decoded. */
export function signingKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error("signing secrets start with whsec_");
  return Buffer.from(secret.slice(PREFIX.length), "base64");
}
