import { randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { toBase62 } from "@openbank/contracts/ids";
import { credentialPrefix } from "@openbank/contracts/credential-formats";

/**
 * OAuth client secrets: `cs_sandbox_` + 30 random base62 chars (~178 bits) + a 6-char CRC32
 * checksum, the same shape as API keys (so scanners recognise them and garbage is rejected
 * without a lookup). Stored only as HMAC-SHA256 with the API key pepper (hashApiKey).
 */
export const SECRET_PREFIX = credentialPrefix("oauth_client_secret");
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const SECRET_PATTERN = new RegExp(`^${SECRET_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

function checksum(random: string): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(random) >>> 0);
  return toBase62(bytes, CHECKSUM_LENGTH);
}

export function generateClientSecret(): string {
  const random = toBase62(randomBytes(23), RANDOM_LENGTH);
  return `${SECRET_PREFIX}${random}${checksum(random)}`;
}

export function isWellFormedClientSecret(candidate: string): boolean {
  if (!SECRET_PATTERN.test(candidate)) return false;
  const body = candidate.slice(SECRET_PREFIX.length);
  return timingSafeEqual(Buffer.from(body.slice(RANDOM_LENGTH)), Buffer.from(checksum(body.slice(0, RANDOM_LENGTH))));
}

export function secretDisplayPrefix(secret: string): string {
  return `${secret.slice(0, SECRET_PREFIX.length + 4)}…${secret.slice(-4)}`;
}
