import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { toBase62 } from "@openbank/contracts/ids";
import { credentialPrefix } from "@openbank/contracts/credential-formats";

/**
 * The checksummed credential family: a prefix saying what it is + 30 random base62 chars
 * (~178 bits) + a 6-char CRC32 checksum of the random part. The checksum lets us (and secret
 * scanners) reject or recognise a credential by pattern without a database lookup. Only an HMAC
 * of it is stored. Sandbox API keys (`sk_sandbox_`) and personal access tokens (`pat_`) share it.
 */
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;

function checksum(random: string): string {
  const value = crc32(random) >>> 0;
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return toBase62(bytes, CHECKSUM_LENGTH);
}

export type ChecksummedFormat = {
  prefix: string;
  pattern: RegExp;
  generate(): string;
  /** Format and checksum only: true for anything that could be one of ours. */
  isWellFormed(candidate: string): boolean;
  /** "prefix_AbCd…wXyZ": enough to recognise one, useless to call with. */
  display(secret: string): string;
};

/** A format of the family for one prefix. */
export function checksummedFormat(prefix: string): ChecksummedFormat {
  const pattern = new RegExp(`^${prefix}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);
  return {
    prefix,
    pattern,
    generate() {
      const random = toBase62(randomBytes(23), RANDOM_LENGTH);
      return `${prefix}${random}${checksum(random)}`;
    },
    isWellFormed(candidate) {
      if (!pattern.test(candidate)) return false;
      const body = candidate.slice(prefix.length);
      const random = body.slice(0, RANDOM_LENGTH);
      const given = Buffer.from(body.slice(RANDOM_LENGTH));
      const expected = Buffer.from(checksum(random));
      return timingSafeEqual(given, expected);
    },
    display(secret) {
      return `${secret.slice(0, prefix.length + 4)}…${secret.slice(-4)}`;
    },
  };
}

const apiKeyFormat = checksummedFormat(credentialPrefix("api_key"));
export const KEY_PREFIX = apiKeyFormat.prefix;
export const KEY_PATTERN = apiKeyFormat.pattern;

export function generateApiKey(): string {
  return apiKeyFormat.generate();
}

/** Format and checksum only: true for anything that could be one of our keys. */
export function isWellFormedApiKey(candidate: string): boolean {
  return apiKeyFormat.isWellFormed(candidate);
}

/** The keyed hash we store and look up by. The pepper never leaves the server. */
export function hashApiKey(key: string, pepper: string): string {
  return createHmac("sha256", pepper).update(key).digest("hex");
}

/** "sk_sandbox_AbCd…wXyZ": enough to recognise a key, useless to call with. */
export function displayPrefix(key: string): string {
  return apiKeyFormat.display(key);
}
