import type { Prisma } from "@prisma/client";
import { db } from "../db";
import { env } from "../env";
import { newId } from "../ids";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key";
import { keyCache } from "./key-cache";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";

/**
 * Issues a sandbox key. The secret is returned exactly once, here; only its HMAC is stored.
 * Pass `tx` to create the key inside a caller's transaction (e.g. with its app).
 */
export async function createKey(options: {
  appId: string;
  name: string;
  createdById: string;
  tx?: Prisma.TransactionClient;
}): Promise<{ key: KeyDto; secret: string }> {
  const secret = generateApiKey();
  const hash = hashApiKey(secret, env().API_KEY_PEPPER);
  const row = await (options.tx ?? db).apiKey.create({
    data: {
      id: newId("key"),
      appId: options.appId,
      name: options.name,
      prefix: displayPrefix(secret),
      hash,
      createdById: options.createdById,
    },
    select: keyDtoSelect,
  });
  keyCache.delete(hash);
  return { key: toKeyDto(row), secret };
}
