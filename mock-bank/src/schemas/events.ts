import { z } from "zod";
import { EVENT_TYPES } from "../domain/events/record-event";
import { eventCatalog } from "../domain/events/event-catalog";
import { MAX_OVERRIDES } from "../domain/events/apply-overrides";
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
    overrides: z
      .record(z.string().min(1).max(200), z.unknown())
      .refine((value) => Object.keys(value).length <= MAX_OVERRIDES, `At most ${MAX_OVERRIDES} overrides.`)
      .optional()
      .describe(
        "Changes to that object, path → value, applied before it is sent: `object.amount`, `object.counterparty.name`, `object.lines[0].amount` (dotted names, `[index]` for arrays, rooted at the event). Each path must already exist in the object and each value must have the JSON type of the value it replaces (a `null` takes any value); otherwise nothing is fired and the answer is 422 `event_override_invalid` with one pointer per refused path (`/body/overrides/object.amount`) and the paths that exist nearby. Never silently ignored.",
      ),
  })
  .meta({
    description: "The event to emit.",
    examples: [
      { type: "payment.completed" },
      { type: "kyc.decided", object: { id: "cus_3mJ0wqG5XnS1xQbH0pR7tZ", kyc: { status: "approved" } } },
      {
        type: "kyc.decided",
        object: { id: "cus_3mJ0wqG5XnS1xQbH0pR7tZ", kyc: { status: "approved" } },
        overrides: { "object.kyc.status": "rejected" },
      },
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
