import { db } from "../db";
import { AppError } from "../errors";
import { keyCache } from "./key-cache";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";

/** Revokes at once: the next call with this key is refused. Revoking twice is a no-op. */
export async function revokeKey(options: { appId: string; keyId: string }): Promise<KeyDto> {
  const key = await db.apiKey.findFirst({
    where: { id: options.keyId, appId: options.appId },
    select: { hash: true, revokedAt: true },
  });
  if (!key) throw new AppError("resource_not_found", `No key ${options.keyId} on this app.`);
  const row = await db.apiKey.update({
    where: { id: options.keyId },
    data: { revokedAt: key.revokedAt ?? new Date() },
    select: keyDtoSelect,
  });
  keyCache.delete(key.hash);
  return toKeyDto(row);
}
