import { AppError } from "@openbank/contracts/errors";
import type { UserDto } from "../auth/types";
import { clientIp } from "../auth/client-ip";
import { db } from "../db";
import { env } from "../env";
import { portal } from "../runtime";
import { hashToken, isWellFormedToken, tokenState, type TokenScope } from "./personal-access-token";

/** Who a request with a personal access token is: the token's owner, and what the token allows. */
export type TokenPrincipal = {
  tokenId: string;
  scope: TokenScope;
  /** The one team the token is limited to; null: every team of the user. */
  teamId: string | null;
  user: UserDto;
  emailVerified: boolean;
};

/**
 * The 401 of any token that does not work. One detail whatever the reason (unknown, expired,
 * revoked, malformed): the holder sees the state in the account page, a thief learns nothing.
 */
export function invalidTokenError(): AppError {
  return new AppError("unauthenticated", "The access token is not valid: it is unknown, expired or revoked.", {
    headers: { "www-authenticate": 'Bearer realm="openbank-portal", error="invalid_token"' },
  });
}

/**
 * The principal of a bearer token, or a 401. Its last use (time and client address) is queued
 * for the batched writer, not written on the request path.
 */
export async function authenticateToken(token: string, request: Request, now: Date = new Date()): Promise<TokenPrincipal> {
  if (!isWellFormedToken(token)) throw invalidTokenError(); // no lookup for what cannot be ours
  const row = await db().personalAccessToken.findUnique({
    where: { hash: hashToken(token, env().API_KEY_PEPPER) },
    select: {
      id: true,
      scope: true,
      teamId: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, emailVerifiedAt: true } },
    },
  });
  if (!row || tokenState(row, now) !== "active") throw invalidTokenError();
  portal().tokenUses.push({ tokenId: row.id, at: now, ip: clientIp(request.headers) });
  const { emailVerifiedAt, ...user } = row.user;
  return {
    tokenId: row.id,
    scope: row.scope === "write" ? "write" : "read",
    teamId: row.teamId,
    user,
    emailVerified: emailVerifiedAt !== null,
  };
}
