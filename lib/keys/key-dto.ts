import type { ApiKey } from "@prisma/client";
import { keyStatus, type KeyScope, type KeyStatus } from "./key-lifecycle";

export type KeyDto = {
  id: string;
  app_id: string;
  name: string;
  prefix: string;
  scope: KeyScope;
  /** active · expiring (works until expires_at: rolled or set to expire) · expired · revoked */
  status: KeyStatus;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  revoked_at: string | null;
  /** The key that replaced this one in a roll. */
  rolled_to_id: string | null;
};

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
