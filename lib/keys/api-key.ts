import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { toBase62 } from "@openbank/contracts/ids";
import { credentialPrefix } from "@openbank/contracts/credential-formats";

/**
 * Sandbox API keys: `sk_sandbox_` + 30 random base62 chars (~178 bits) + a 6-char CRC32
 * checksum of the random part. The checksum lets us (and secret scanners) reject or
 * recognise a key by pattern without a database lookup. Only an HMAC of the key is stored.
 */
export const KEY_PREFIX = credentialPrefix("api_key");
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

function checksum(random: string): string {
  const value = crc32(random) >>> 0;
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return toBase62(bytes, CHECKSUM_LENGTH);
}

export function generateApiKey(): string {
  const random = toBase62(randomBytes(23), RANDOM_LENGTH);
  return `${KEY_PREFIX}${random}${checksum(random)}`;
}

/** Format and checksum only: true for anything that could be one of our keys. */
export function isWellFormedApiKey(candidate: string): boolean {
  if (!KEY_PATTERN.test(candidate)) return false;
  const body = candidate.slice(KEY_PREFIX.length);
  const random = body.slice(0, RANDOM_LENGTH);
  const given = Buffer.from(body.slice(RANDOM_LENGTH));
  const expected = Buffer.from(checksum(random));
  return timingSafeEqual(given, expected);
}

/** The keyed hash we store and look up by. The pepper never leaves the server. */
export function hashApiKey(key: string, pepper: string): string {
  return createHmac("sha256", pepper).update(key).digest("hex");
}

/** "sk_sandbox_AbCd…wXyZ": enough to recognise a key, useless to call with. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, KEY_PREFIX.length + 4)}…${key.slice(-4)}`;
}
