import { createHash, randomBytes } from "node:crypto";
import { credentialPrefix } from "@openbank/contracts/credential-formats";
import { toBase62 } from "@openbank/contracts/ids";

/**
 * Opaque credentials of the authorization server: a prefix saying what it is, then 43
 * base62 characters (~256 bits). Only the SHA-256 is stored: with this much entropy a
 * plain hash cannot be reversed, and a database leak reveals no usable token.
 */
export const TOKEN_PREFIXES = {
  access: credentialPrefix("consent_access_token"),
  refresh: credentialPrefix("consent_refresh_token"),
  code: credentialPrefix("authorization_code"),
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIXES;

export function generateToken(kind: TokenKind): string {
  return `${TOKEN_PREFIXES[kind]}${toBase62(randomBytes(32), 43)}`;
}

/** A dynamically registered client's registration access token (RFC 7592), issued by oidc-provider under our prefix. */
export function generateRegistrationAccessToken(): string {
  return `${credentialPrefix("registration_access_token")}${toBase62(randomBytes(32), 43)}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** "oat_AbCd…wxyz": enough to recognise a token in a log, useless to call with. */
export function tokenDisplayPrefix(token: string): string {
  return `${token.slice(0, 8)}…${token.slice(-4)}`;
}
