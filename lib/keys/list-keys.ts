import { db } from "../db";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";

const order = { active: 0, expiring: 1, expired: 2, revoked: 3 } as const;

/** Keys of an app, newest first; working keys before expired and revoked ones. */
export async function listKeys(options: { appId: string }): Promise<KeyDto[]> {
  const rows = await db().apiKey.findMany({
    where: { appId: options.appId },
    select: keyDtoSelect,
    orderBy: [{ createdAt: "desc" }],
  });
  const now = new Date();
  return rows.map((row) => toKeyDto(row, now)).sort((a, b) => order[a.status] - order[b.status]);
}
