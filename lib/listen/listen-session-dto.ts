import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { attemptDto } from "@/lib/webhooks/delivery-dto";
import { eventTypesInput } from "@/lib/webhooks/endpoint-input";

/** `POST …/listen-sessions`: the event types to receive (all when empty or absent). */
export const openListenSessionInput = z.strictObject({
  event_types: eventTypesInput.default([]),
});

/** A listen session, with its signing secret: the CLI prints it so the developer's receiver can verify. */
export const listenSessionDto = z.object({
  id: resourceId.describe("The session's id (`lsn_…`): a webhook endpoint of kind `cli`, with its own delivery log."),
  app_id: resourceId,
  secret: text(200).describe("The session's signing secret (`whsec_…`): the same on every `listen` of this developer and app."),
  event_types: z.array(text(100)).max(100).describe("The event types it receives; empty for all."),
  stream_path: text(300).describe("Where to read its deliveries as Server-Sent Events."),
  created_at: timestamp,
});
export type ListenSessionDto = z.output<typeof listenSessionDto>;

/** One delivery on a listen session's stream (`event: delivery`, `id:` the delivery id). */
export const listenDeliveryEvent = z.object({
  delivery_id: resourceId,
  event_id: resourceId.describe("The `webhook-id`: the same on every send of this event."),
  event_type: text(100),
  headers: z
    .record(text(100), text(4096))
    .describe("The exact headers to send: `webhook-id`, `webhook-timestamp`, `webhook-signature` (signed by the portal), `content-type`."),
  body: text(1_048_576).describe("The exact body the signature covers: forward it byte for byte."),
});
export type ListenDeliveryEvent = z.output<typeof listenDeliveryEvent>;

/** What the local receiver did with a forwarded delivery. */
export const listenResultInput = z
  .strictObject({
    status: z.int().min(100).max(999).nullable().describe("The receiver's HTTP status; null when it gave none (`error` says why)."),
    duration_ms: z.int().min(0).max(86_400_000),
    error: z.string().trim().max(1000).optional().describe("Why no status: refused, timeout…"),
  })
  .refine((body) => body.status !== null || body.error, { message: "send a status, or an error when there is none", path: ["error"] });

export const listenResultDto = z.object({ delivery_id: resourceId, status: z.enum(["succeeded", "failed"]), attempt: attemptDto });
