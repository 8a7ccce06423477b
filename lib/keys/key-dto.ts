import type { ApiKey } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { keyStatus } from "./key-lifecycle";

/** A key as the API shows it: never its secret or hash. */
export const keyDto = z.object({
  id: resourceId,
  app_id: resourceId,
  name: text(60),
  /** The first characters of the secret, to tell keys apart. */
  prefix: text(40),
  scope: z.enum(["read_only", "read_write"]),
  /** active · expiring (works until expires_at: rolled or set to expire) · expired · revoked */
  status: z.enum(["active", "expiring", "expired", "revoked"]),
  created_at: timestamp,
  expires_at: timestamp.nullable(),
  last_used_at: timestamp.nullable(),
  last_used_ip: text(64).nullable(),
  revoked_at: timestamp.nullable(),
  /** The key that replaced this one in a roll. */
  rolled_to_id: resourceId.nullable(),
});

export type KeyDto = z.output<typeof keyDto>;

export const keyDtoSelect = {
  id: true,
  appId: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  rolledToId: true,
} as const;

export function toKeyDto(key: Pick<ApiKey, keyof typeof keyDtoSelect>, now: Date = new Date()): KeyDto {
  return {
    id: key.id,
    app_id: key.appId,
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
    status: keyStatus(key, now),
    created_at: key.createdAt.toISOString(),
    expires_at: key.expiresAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    last_used_ip: key.lastUsedIp,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    rolled_to_id: key.rolledToId,
  };
}
