import { createHmac } from "node:crypto";
import { signingKey } from "./signing-secret";

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` (the event id, the same on every
 * retry), `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature`, one
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per active secret, space-separated (two
 * during a rotation, so receivers on either secret verify).
 */
export function signatureHeaders(options: { id: string; timestamp: Date; body: string; secrets: string[] }): Record<string, string> {
  const seconds = Math.floor(options.timestamp.getTime() / 1000);
  const signed = `${options.id}.${seconds}.${options.body}`;
  const signatures = options.secrets.map((secret) => `v1,${createHmac("sha256", signingKey(secret)).update(signed).digest("base64")}`);
  return { "webhook-id": options.id, "webhook-timestamp": String(seconds), "webhook-signature": signatures.join(" ") };
}
