import { createHmac } from "node:crypto";

/**
 * What the audit log says instead of a deleted developer's email: `deleted-user-` and the first
 * 12 hex of HMAC-SHA256(pepper, user id). Stable (every row of one account reads the same, so a
 * team can still follow what that person did) and not reversible without the server's pepper (the
 * id is not guessable from it, and the email was never an input).
 */
export function deletedUserPseudonym(userId: string, pepper: string): string {
  return `deleted-user-${createHmac("sha256", pepper).update(`deleted-user\n${userId}`).digest("hex").slice(0, 12)}`;
}
