import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { applyOverrides } from "./apply-overrides";
import type { EventType } from "./record-event";

/** How a fired event's stored payload starts: real events' start with `{"object":`. */
const FIRED_PAYLOAD_PREFIX = '{"fired":true,';

export type FiredEventDto = { id: string; type: EventType; created_at: string; object: unknown; replayed_from: string | null };

/**
 * Emits an event of any type for the tenant, on the tenant's clock, through the same outbox
 * as real changes (so it is delivered exactly like them). Its object is the one the caller
 * sent; else the object of the tenant's latest real event of that type (never a fired one,
 * which is marked in its stored payload), so a handler sees a realistic payload; else a
 * minimal `{ "id": null, "sandbox_test": true }` marker. Overrides change that object, each one
 * refused unless its path exists there (nothing is fired then).
 */
export async function fireEvent(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  type: EventType;
  object?: Record<string, unknown>;
  /** Path → value changes to the object (apply-overrides.ts): all apply, or 422 and nothing is fired. */
  overrides?: Record<string, unknown>;
}): Promise<FiredEventDto> {
  const { db, tenantId, now, type } = options;
  let object: unknown = options.object;
  let replayedFrom: string | null = null;
  if (object === undefined) {
    const latest = await db.bankEvent.findFirst({
      where: { tenantId, type, NOT: { payload: { startsWith: FIRED_PAYLOAD_PREFIX } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, payload: true },
    });
    if (latest) {
      object = (JSON.parse(latest.payload) as { object: unknown }).object;
      replayedFrom = latest.id;
    } else {
      object = { id: null, sandbox_test: true };
    }
  }
  if (options.overrides) object = applyOverrides(object, options.overrides);
  const id = newId("event");
  // `fired` first, so the stored payload starts with FIRED_PAYLOAD_PREFIX; deliveries read only `object`.
  await db.bankEvent.create({ data: { id, tenantId, type, payload: JSON.stringify({ fired: true, object }), createdAt: now } });
  return { id, type, created_at: now.toISOString(), object, replayed_from: replayedFrom };
}
