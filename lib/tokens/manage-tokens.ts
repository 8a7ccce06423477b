import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { env } from "../env";
import { resourceId } from "../portal-api/schemas";
import { generateToken, hashToken, TOKEN_EXPIRY_DAYS, TOKEN_SCOPES, tokenExpiry, tokenFormat } from "./personal-access-token";
import { toTokenDto, tokenDtoSelect, type TokenDto } from "./token-dto";

/** Working tokens one account may hold at once; revoke one to make another. */
export const MAX_ACTIVE_TOKENS = 50;

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(60, "Name must be at most 60 characters"),
  scope: z.enum(TOKEN_SCOPES, { error: "Scope must be read or write" }),
  /** Limit the token to one of your teams; omitted or null: every team you belong to. */
  team_id: resourceId.nullish(),
  expires_in_days: z.union(
    TOKEN_EXPIRY_DAYS.map((days) => z.literal(days)),
    { error: `Must be one of ${TOKEN_EXPIRY_DAYS.join(", ")} (days)` },
  ),
});

export type CreateTokenInput = z.output<typeof createTokenInput>;

/**
 * Issues a personal access token and audits it (`account.token_created`). The token is
 * returned exactly once, here; only its HMAC is stored.
 */
export async function createToken(options: {
  actor: AuditActor;
  input: CreateTokenInput;
  now?: Date;
}): Promise<{ token: TokenDto; secret: string }> {
  return db().$transaction((tx) => issueToken(tx, options));
}

/**
 * `createToken` inside the caller's transaction: the device grant (lib/device) issues the CLI's
 * token in the same transaction that marks its authorization delivered, so it is issued once.
 * `via` is recorded in the audit entry (how the token came to be, besides the token page).
 */
export async function issueToken(
  tx: Prisma.TransactionClient,
  options: { actor: AuditActor; input: CreateTokenInput; now?: Date; via?: Record<string, string> },
): Promise<{ token: TokenDto; secret: string }> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const teamId = input.team_id ?? null;
  if (teamId) {
    const membership = await tx.membership.findFirst({ where: { teamId, userId: actor.userId }, select: { id: true } });
    if (!membership) throw new AppError("resource_not_found", `No team ${teamId}.`);
  }
  const active = await tx.personalAccessToken.count({ where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: now } } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new AppError("conflict", `You already have ${MAX_ACTIVE_TOKENS} working tokens: revoke one you no longer use first.`);
  }
  const secret = generateToken();
  const row = await tx.personalAccessToken.create({
    data: {
      id: newId("personalAccessToken"),
      userId: actor.userId,
      name: input.name,
      prefix: tokenFormat.display(secret),
      hash: hashToken(secret, env().API_KEY_PEPPER),
      scope: input.scope,
      teamId,
      expiresAt: tokenExpiry(input.expires_in_days, now),
      createdAt: now,
    },
    select: tokenDtoSelect,
  });
  await recordAudit(tx, {
    teamId: null,
    actor,
    action: "account.token_created",
    target: { type: "personal_access_token", id: row.id, name: row.name },
    metadata: { prefix: row.prefix, scope: row.scope, team_id: teamId, expires_at: row.expiresAt.toISOString(), ...options.via },
  });
  return { token: toTokenDto(row, now), secret };
}

/** The account's tokens, newest first: working ones, then expired and revoked ones. */
export async function listTokens(userId: string, now: Date = new Date()): Promise<TokenDto[]> {
  const rows = await db().personalAccessToken.findMany({
    where: { userId },
    select: tokenDtoSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const dtos = rows.map((row) => toTokenDto(row, now));
  return [...dtos.filter((dto) => dto.status === "active"), ...dtos.filter((dto) => dto.status !== "active")];
}

/** Revokes one of the account's tokens at once (the next call with it answers 401). Idempotent. */
export async function revokeToken(options: { actor: AuditActor; tokenId: string; now?: Date; via?: "self" }): Promise<void> {
  const now = options.now ?? new Date();
  await db().$transaction(async (tx) => {
    const row = await tx.personalAccessToken.findFirst({
      where: { id: options.tokenId, userId: options.actor.userId },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!row) throw new AppError("resource_not_found", `No token ${options.tokenId}.`);
    if (row.revokedAt) return;
    await tx.personalAccessToken.update({ where: { id: row.id }, data: { revokedAt: now } });
    await recordAudit(tx, {
      teamId: null,
      actor: options.actor,
      action: "account.token_revoked",
      target: { type: "personal_access_token", id: row.id, name: row.name },
      metadata: { prefix: row.prefix, ...(options.via ? { via: options.via } : {}) },
    });
  });
}
