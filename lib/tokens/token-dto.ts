import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { TOKEN_SCOPES, tokenState } from "./personal-access-token";

/** A personal access token as the API shows it: never the token or its hash. */
export const tokenDto = z.object({
  id: resourceId,
  name: text(60),
  /** The first and last characters of the token, to tell tokens apart (`pat_AbCd…wxyz`). */
  prefix: text(40),
  scope: z.enum(TOKEN_SCOPES),
  /** The one team the token is limited to; null: every team you belong to. */
  team_id: resourceId.nullable(),
  team_name: text(100).nullable(),
  status: z.enum(["active", "expired", "revoked"]),
  created_at: timestamp,
  expires_at: timestamp,
  last_used_at: timestamp.nullable(),
  last_used_ip: text(64).nullable(),
  revoked_at: timestamp.nullable(),
});

export type TokenDto = z.output<typeof tokenDto>;

export const tokenDtoSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  teamId: true,
  team: { select: { name: true } },
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
} as const;

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  teamId: string | null;
  team: { name: string } | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
};

export function toTokenDto(row: TokenRow, now: Date = new Date()): TokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope === "write" ? "write" : "read",
    team_id: row.teamId,
    team_name: row.team?.name ?? null,
    status: tokenState(row, now),
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    last_used_ip: row.lastUsedIp,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
