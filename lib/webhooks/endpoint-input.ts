import { z } from "zod";

const EVENT_TYPE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

/** http(s) only, no credentials or fragment: signatures, not URL secrets, authenticate us. */
export const endpointUrl = z
  .string()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.hash && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http(s) URL without credentials or #fragment, e.g. https://example.com/webhooks");

/** An event type's name; longer than any the bank emits is refused with the same words. */
const eventType = z
  .string()
  .max(100, { error: "must be an event type such as payment.completed", abort: true })
  .regex(EVENT_TYPE, "must be an event type such as payment.completed");

export const eventTypesInput = z
  .array(eventType)
  .max(100)
  .transform((types) => [...new Set(types)])
  .describe("Event types to receive; empty for all.");

export const createEndpointInput = z.strictObject({
  url: endpointUrl,
  description: z.string().trim().max(200).default(""),
  event_types: eventTypesInput.default([]),
  enabled: z.boolean().default(true),
});

export const updateEndpointInput = z
  .strictObject({
    url: endpointUrl.optional(),
    description: z.string().trim().max(200).optional(),
    event_types: eventTypesInput.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "send at least one of url, description, event_types, enabled");

export const sendTestEventInput = z.strictObject({
  type: eventType.optional(),
});

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
