import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { userDto, type UserDto } from "../auth/types";
import { db } from "../db";
import { toTokenDto, tokenDto, tokenDtoSelect } from "./token-dto";

export const whoamiDto = z.object({
  user: userDto,
  email_verified: z.boolean(),
  /** How this request was authenticated: the browser's session, or a personal access token. */
  authenticated_with: z.enum(["session", "token"]),
  /** The token of this request (never the token itself); null for a session. */
  token: tokenDto.nullable(),
});
export type WhoamiDto = z.output<typeof whoamiDto>;

/** `GET /api/whoami`: who the caller is, and with which token (`openbank whoami`). */
export async function whoami(options: { user: UserDto; tokenId: string | null; now?: Date }): Promise<WhoamiDto> {
  const [account, token] = await Promise.all([
    db().user.findUnique({ where: { id: options.user.id }, select: { emailVerifiedAt: true } }),
    options.tokenId ? db().personalAccessToken.findUnique({ where: { id: options.tokenId }, select: tokenDtoSelect }) : null,
  ]);
  return {
    user: { id: options.user.id, email: options.user.email, name: options.user.name },
    email_verified: Boolean(account?.emailVerifiedAt),
    authenticated_with: options.tokenId ? "token" : "session",
    token: token ? toTokenDto(token, options.now) : null,
  };
}

/** The id of the token a request was made with, or 404 for a browser session (nothing to revoke). */
export function currentTokenId(token: { id: string } | null): string {
  if (!token) {
    throw new AppError(
      "resource_not_found",
      "This request carries no access token to revoke: send it with `Authorization: Bearer pat_…`. Browser sessions sign out at /api/account/sessions.",
    );
  }
  return token.id;
}
