import { z } from "zod";
import { EVENT_TYPES } from "../domain/events/record-event";
import { eventCatalog } from "../domain/events/event-catalog";
import { ResourceId, Timestamp } from "./common";

export const EventTypeName = z
  .enum(EVENT_TYPES)
  .describe(["The event type. One of:", "", ...eventCatalog.map((info) => `- \`${info.type}\`: ${info.description}`)].join("\n"));

export const FireEventBody = z
  .strictObject({
    type: EventTypeName,
    object: z
      .record(z.string().max(100), z.unknown())
      .optional()
      .describe(
        'The event\'s `data.object`. Leave it out to replay the object of your sandbox\'s latest real event of this type (e.g. your last completed payment), or, if there is none, a minimal `{"id": null, "sandbox_test": true}`.',
      ),
  })
  .meta({
    description: "The event to emit.",
    examples: [
      { type: "payment.completed" },
      { type: "kyc.decided", object: { id: "cus_3mJ0wqG5XnS1xQbH0pR7tZ", kyc: { status: "approved" } } },
    ],
  });

export const FiredEvent = z
  .object({
    id: ResourceId.describe("The event id (`evt_…`): the `webhook-id` of every delivery of it, on every retry."),
    type: EventTypeName,
    created_at: Timestamp.describe("When it happened, on your sandbox's clock."),
    object: z.unknown().describe("The event's `data.object`."),
    replayed_from: ResourceId.nullable().describe("The earlier event whose object was reused, when you sent no `object`."),
  })
  .meta({
    id: "FiredEvent",
    description: "An event in your sandbox's outbox, on its way to your app's webhook endpoints.",
    examples: [
      {
        id: "evt_5TQd0cXb8mR2yJ1hP3sK7w",
        type: "payment.completed",
        created_at: "2026-11-21T10:30:00.000Z",
        object: { id: "pay_3mJ0wqG5XnS1xQbH0pR7tZ", status: "completed" },
        replayed_from: "evt_1aB2cD3eF4gH5iJ6kL7mN8",
      },
    ],
  });

/** Internal (portal ↔ bank) shapes: never in the public document. */
export const ClaimEventsBody = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
  lease_seconds: z.number().int().min(5).max(600).default(60),
});

export const AcknowledgeEventsBody = z.strictObject({
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9_]{1,64}$/))
    .min(1)
    .max(500),
});
