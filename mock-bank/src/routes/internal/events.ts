import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { acknowledgeEvents } from "../../domain/events/acknowledge-events";
import { claimEvents } from "../../domain/events/claim-events";
import { eventCatalog } from "../../domain/events/event-catalog";
import { AcknowledgeEventsBody, ClaimEventsBody } from "../../schemas/events";

/**
 * The outbox hand-over to the portal's webhook dispatcher, behind the internal secret and out
 * of the public document: the event type catalogue, claim a batch, acknowledge what was stored.
 */
const events: FastifyPluginAsyncZod = async (app) => {
  app.get("/events/types", { schema: { hide: true } }, async () => ({ data: eventCatalog }));

  app.post("/events/claim", { schema: { hide: true, body: ClaimEventsBody } }, async (request) => {
    const rows = await claimEvents({
      db: app.db,
      provider: app.dbProvider,
      now: app.now(),
      limit: request.body.limit,
      leaseSeconds: request.body.lease_seconds,
    });
    return {
      data: rows.map((row) => ({
        id: row.id,
        tenant_id: row.tenantId,
        type: row.type,
        created_at: new Date(row.createdAt).toISOString(),
        object: (JSON.parse(row.payload) as { object: unknown }).object,
      })),
    };
  });

  app.post("/events/ack", { schema: { hide: true, body: AcknowledgeEventsBody } }, async (request) => ({
    acknowledged: await acknowledgeEvents({ db: app.db, ids: request.body.ids, now: app.now() }),
  }));
};

export default events;
