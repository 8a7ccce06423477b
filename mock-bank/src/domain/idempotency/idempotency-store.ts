import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";

/** Keys are kept this long (the contract promises at least 24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** An in-flight key older than this belongs to a request that crashed: another may take it over (default; BANK_IDEMPOTENCY_LEASE_MS). */
export const IDEMPOTENCY_LEASE_MS = 30_000;

export type StoredResponse = { status: number; headers: Record<string, string>; body: string };

export type Reservation =
  /** This request holds the key: run it, then complete (or release) the key. */
  | { kind: "reserved"; id: string }
  /** A request with this key crashed after creating `resourceId`: answer with that resource. */
  | { kind: "recovered"; id: string; resourceId: string }
  /** The key already has a response: send exactly these bytes. */
  | { kind: "replay"; response: StoredResponse };

/** The request's identity: method, path and the body as validated (so key order and whitespace do not matter). */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
}

/** By code, not instanceof: a client generated elsewhere (the PostgreSQL test client) has its own error classes. */
const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError
    ? error.code === "P2002"
    : (error as { name?: string; code?: string } | null)?.name === "PrismaClientKnownRequestError" &&
      (error as { code?: string }).code === "P2002";

/**
 * Takes the tenant's Idempotency-Key for this request: a unique insert (in flight), or, when
 * the key exists: a different request → 422; a stored response → replay; still in flight →
 * 409, unless its lease ran out (the holder crashed), in which case this request takes over.
 * Expired keys are deleted and taken afresh. `now` is the real clock.
 */
export async function reserveIdempotencyKey(options: {
  db: PrismaClient;
  tenantId: string;
  key: string;
  hash: string;
  now: Date;
  leaseMs?: number;
}): Promise<Reservation> {
  const { db, tenantId, key, hash, now, leaseMs = IDEMPOTENCY_LEASE_MS } = options;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const id = newId("idempotencyKey");
      await db.bankIdempotencyKey.create({
        data: {
          id,
          tenantId,
          key,
          requestHash: hash,
          status: "in_flight",
          lockedAt: now,
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        },
      });
      // Housekeeping off the hot path's critical section: drop this tenant's expired keys now and then.
      if (Math.random() < 0.02) await db.bankIdempotencyKey.deleteMany({ where: { tenantId, expiresAt: { lt: now } } });
      return { kind: "reserved", id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await db.bankIdempotencyKey.findUnique({ where: { tenantId_key: { tenantId, key } } });
    if (!row) continue; // deleted between our insert and our read: try again
    if (row.expiresAt <= now) {
      await db.bankIdempotencyKey.deleteMany({ where: { id: row.id, expiresAt: { lte: now } } });
      continue;
    }
    if (row.requestHash !== hash) {
      throw new AppError(
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request (method, path or body). Use a new key for a new request.",
        {
          errors: [{ pointer: "/headers/idempotency-key", detail: "already used for a different request" }],
        },
      );
    }
    if (row.status === "completed" && row.responseStatus !== null && row.responseBody !== null) {
      return {
        kind: "replay",
        response: { status: row.responseStatus, headers: JSON.parse(row.responseHeaders ?? "{}"), body: row.responseBody },
      };
    }
    if (row.lockedAt.getTime() > now.getTime() - leaseMs) {
      throw new AppError(
        "idempotency_key_in_flight",
        "A request with this Idempotency-Key is still being processed. Retry shortly with the same key and body.",
        { headers: { "retry-after": "1" } },
      );
    }
    const { count } = await db.bankIdempotencyKey.updateMany({
      where: { id: row.id, status: "in_flight", lockedAt: row.lockedAt },
      data: { lockedAt: now },
    });
    if (count !== 1)
      throw new AppError("idempotency_key_in_flight", "A request with this Idempotency-Key is still being processed.", {
        headers: { "retry-after": "1" },
      });
    return row.resourceId ? { kind: "recovered", id: row.id, resourceId: row.resourceId } : { kind: "reserved", id: row.id };
  }
  throw new AppError("idempotency_key_in_flight", "A request with this Idempotency-Key is still being processed.", {
    headers: { "retry-after": "1" },
  });
}

/** Stores the response the key will replay. */
export async function completeIdempotencyKey(db: PrismaClient, id: string, response: StoredResponse): Promise<void> {
  await db.bankIdempotencyKey.update({
    where: { id },
    data: {
      status: "completed",
      responseStatus: response.status,
      responseHeaders: JSON.stringify(response.headers),
      responseBody: response.body,
    },
  });
}

/** Gives the key back (the request failed on our side): a retry with it runs afresh. */
export async function releaseIdempotencyKey(db: PrismaClient, id: string): Promise<void> {
  // Never once the request created its resource: then a retry must recover it, not repeat it.
  await db.bankIdempotencyKey.deleteMany({ where: { id, status: "in_flight", resourceId: null } });
}
