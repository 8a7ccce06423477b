import { gzipSync } from "node:zlib";
import { Prisma, type BankSnapshot, type PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { exportSandbox } from "./export-sandbox";
import { formatBytes, type SnapshotLimits } from "./snapshot-limits";

/**
 * Stores the tenant's current state under a name: the export file, gzipped (a seeded tenant's
 * file compresses about ninefold). Refused past the app's bounds: 409 `snapshot_limit_reached`
 * at the count limit, 413 `snapshot_too_large` when the file is larger than the size limit
 * (counted uncompressed: the size of the file a download or an import handles), 409
 * `snapshot_name_taken` when the name is used.
 */
export async function takeSnapshot(options: {
  db: PrismaClient;
  tenantId: string;
  name: string;
  realNow: Date;
  sandboxTime: Date;
  limits: SnapshotLimits;
}): Promise<BankSnapshot> {
  const { db, tenantId, name, limits } = options;
  const existing = await db.bankSnapshot.count({ where: { tenantId } });
  if (existing >= limits.maxCount)
    throw new AppError(
      "snapshot_limit_reached",
      `This app already keeps ${existing} snapshots, the limit is ${limits.maxCount}: delete one you no longer need (DELETE /v1/sandbox/snapshots/{snapshot}) first.`,
    );
  if (await db.bankSnapshot.findUnique({ where: { tenantId_name: { tenantId, name } }, select: { id: true } })) throw nameTaken(name);

  const file = await exportSandbox({ db, tenantId, realNow: options.realNow, sandboxTime: options.sandboxTime });
  const json = JSON.stringify(file);
  const sizeBytes = Buffer.byteLength(json);
  if (sizeBytes > limits.maxBytes)
    throw new AppError(
      "snapshot_too_large",
      `The sandbox's state is ${formatBytes(sizeBytes)}, more than the ${formatBytes(limits.maxBytes)} a snapshot may hold: reset the sandbox or delete data you added, then take it again.`,
    );
  try {
    return await db.bankSnapshot.create({
      data: {
        id: newId("snapshot"),
        tenantId,
        name,
        sizeBytes,
        payload: gzipSync(json),
        sandboxTime: options.sandboxTime,
        counts: JSON.stringify(file.counts),
        createdAt: options.realNow,
      },
    });
  } catch (error) {
    // Two requests with the same name at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
    throw error;
  }
}

const nameTaken = (name: string) =>
  new AppError("snapshot_name_taken", `This app already has a snapshot named "${name}": choose another name, or delete that one first.`, {
    errors: [{ pointer: "/body/name", detail: "already used by another snapshot of this app" }],
  });
