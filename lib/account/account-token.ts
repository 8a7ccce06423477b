import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { db } from "@/lib/db";
import { portalUrl } from "@/lib/http/portal-url";

/** What a one-time link in an account email does. */
export type AccountTokenKind = "verify_email" | "change_email" | "reset_password";

const HOUR_MS = 60 * 60 * 1000;

/** How long each kind of link works: a day to open a verification mail, an hour for a password reset. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenKind, number> = {
  verify_email: 24 * HOUR_MS,
  change_email: 24 * HOUR_MS,
  reset_password: HOUR_MS,
};

/** Where each kind of link opens. */
const LINK_PATHS: Record<AccountTokenKind, string> = {
  verify_email: "/verify-email/",
  change_email: "/verify-email/",
  reset_password: "/reset-password/",
};

/** A new link token (256 bits, URL-safe) and the hash that is stored instead of it. */
export function newAccountToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashAccountToken(token) };
}

/** SHA-256 is enough: the token is random and long, so there is nothing to brute-force. */
export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What a link's token can look like; anything else is not looked up. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function accountTokenLink(kind: AccountTokenKind, token: string): string {
  return `${portalUrl().replace(/\/$/, "")}${LINK_PATHS[kind]}${token}`;
}

type Tx = Prisma.TransactionClient | PrismaClient;

/** Stores a new link's hash for the user and returns the link (the token itself is never stored). */
export async function issueAccountToken(
  tx: Tx,
  options: { userId: string; kind: AccountTokenKind; email: string; now?: Date },
): Promise<{ link: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const { token, hash } = newAccountToken();
  const expiresAt = new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[options.kind]);
  await tx.accountToken.create({
    data: {
      id: newId("accountToken"),
      userId: options.userId,
      kind: options.kind,
      tokenHash: hash,
      email: options.email,
      createdAt: now,
      expiresAt,
    },
  });
  return { link: accountTokenLink(options.kind, token), expiresAt };
}

/** Ends every open link of these kinds for the user (a newer link, or a change, replaces them). */
export async function retireAccountTokens(tx: Tx, userId: string, kinds: AccountTokenKind[]): Promise<number> {
  const { count } = await tx.accountToken.updateMany({
    where: { userId, kind: { in: kinds }, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count;
}

export type LinkStatus = "valid" | "used" | "expired" | "invalid";

export type AccountTokenRow = { id: string; userId: string; kind: AccountTokenKind; email: string; expiresAt: Date };

/** What a link is, without using it: for the page that opens it. */
export async function inspectAccountToken(
  token: string,
  kinds: AccountTokenKind[],
): Promise<{ status: LinkStatus; token?: AccountTokenRow }> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  const row = await db().accountToken.findUnique({
    where: { tokenHash: hashAccountToken(token) },
    select: { id: true, userId: true, kind: true, email: true, expiresAt: true, usedAt: true },
  });
  if (!row || !kinds.includes(row.kind as AccountTokenKind)) return { status: "invalid" };
  const { usedAt, ...rest } = row;
  const status: LinkStatus = usedAt ? "used" : row.expiresAt.getTime() <= Date.now() ? "expired" : "valid";
  return { status, token: { ...rest, kind: row.kind as AccountTokenKind } };
}

const PROBLEMS = {
  invalid: () => new AppError("link_invalid"),
  used: () => new AppError("link_used"),
  expired: () => new AppError("link_expired"),
} as const;

/**
 * Uses a link, once: inside the transaction that makes its change, so the change and the link's
 * use commit together. Two requests with the same link race on `usedAt`; one wins. Throws
 * link_invalid (404), link_used or link_expired (410).
 */
export async function claimAccountToken(tx: Tx, token: string, kinds: AccountTokenKind[]): Promise<AccountTokenRow> {
  if (!isWellFormedToken(token)) throw PROBLEMS.invalid();
  const row = await tx.accountToken.findUnique({
    where: { tokenHash: hashAccountToken(token) },
    select: { id: true, userId: true, kind: true, email: true, expiresAt: true, usedAt: true },
  });
  if (!row || !kinds.includes(row.kind as AccountTokenKind)) throw PROBLEMS.invalid();
  if (row.usedAt) throw PROBLEMS.used();
  const now = new Date();
  if (row.expiresAt.getTime() <= now.getTime()) throw PROBLEMS.expired();
  const { count } = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw PROBLEMS.used();
  return { id: row.id, userId: row.userId, kind: row.kind as AccountTokenKind, email: row.email, expiresAt: row.expiresAt };
}
