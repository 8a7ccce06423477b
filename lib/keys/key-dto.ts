import type { ApiKey } from "@prisma/client";

export type KeyDto = {
  id: string;
  app_id: string;
  name: string;
  prefix: string;
  status: "active" | "revoked";
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export const keyDtoSelect = {
  id: true,
  appId: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function toKeyDto(key: Pick<ApiKey, keyof typeof keyDtoSelect>): KeyDto {
  return {
    id: key.id,
    app_id: key.appId,
    name: key.name,
    prefix: key.prefix,
    status: key.revokedAt ? "revoked" : "active",
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}
