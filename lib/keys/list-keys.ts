import { db } from "../db";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";

/** Keys of an app, newest first; active before revoked. */
export async function listKeys(options: { appId: string }): Promise<KeyDto[]> {
  const rows = await db.apiKey.findMany({
    where: { appId: options.appId },
    select: keyDtoSelect,
    orderBy: [{ createdAt: "desc" }],
  });
  return rows.map(toKeyDto).sort((a, b) => Number(a.status === "revoked") - Number(b.status === "revoked"));
}
