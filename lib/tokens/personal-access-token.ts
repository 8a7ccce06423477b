import { credentialPrefix } from "@openbank/contracts/credential-formats";
import { checksummedFormat, hashApiKey } from "../keys/api-key";

/**
 * Personal access tokens for the portal API (the CLI, CI): `pat_` + 30 random base62 chars +
 * a 6-char checksum, the same family as sandbox keys (lib/keys/api-key.ts). Only an HMAC with
 * the server's key pepper is stored, and a display prefix; the token is shown once.
 */
export const tokenFormat = checksummedFormat(credentialPrefix("personal_access_token"));

export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The lifetimes one can choose, in days: a token always expires, at most a year after creation. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export type TokenExpiryDays = (typeof TOKEN_EXPIRY_DAYS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

export function generateToken(): string {
  return tokenFormat.generate();
}

export function isWellFormedToken(candidate: string): boolean {
  return tokenFormat.isWellFormed(candidate);
}

export function hashToken(token: string, pepper: string): string {
  return hashApiKey(token, pepper);
}

export function tokenExpiry(days: TokenExpiryDays, now: Date = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** A read token may only read (GET); a write token may call any method its operations allow. */
export function scopeAllows(scope: TokenScope, method: string): boolean {
  return scope === "write" || method === "GET" || method === "HEAD";
}

export type TokenState = "active" | "expired" | "revoked";

/** Whether a stored token still works at `now`. */
export function tokenState(row: { expiresAt: Date; revokedAt: Date | null }, now: Date = new Date()): TokenState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The bearer credential of a request, if it carries one (`Authorization: Bearer …`), else null. */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value);
  return match ? match[1] : "";
}
