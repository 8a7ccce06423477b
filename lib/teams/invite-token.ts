import { createHash, randomBytes } from "node:crypto";

/** How long an invitation link works. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A new invitation token (256 bits, URL-safe) and the hash we store instead of it. */
export function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInviteToken(token) };
}

/** SHA-256 is enough here: the token is random and long, so there is nothing to brute-force. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
