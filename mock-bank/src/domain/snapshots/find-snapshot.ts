import { gunzipSync } from "node:zlib";
import type { BankSnapshot, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";

/** A snapshot of the tenant by its id (`snap_…`) or its name; another app's is 404 like a missing one. */
export async function findSnapshot(options: { db: PrismaClient; tenantId: string; snapshot: string }): Promise<BankSnapshot> {
  const { db, tenantId, snapshot } = options;
  const found = await db.bankSnapshot.findFirst({ where: { tenantId, OR: [{ id: snapshot }, { name: snapshot }] } });
  if (!found) throw new AppError("resource_not_found", `No snapshot "${snapshot}" in your app's sandbox.`);
  return found;
}

/** The stored export file, as JSON text. */
export function snapshotFile(snapshot: Pick<BankSnapshot, "payload">): string {
  return gunzipSync(snapshot.payload).toString("utf8");
}
