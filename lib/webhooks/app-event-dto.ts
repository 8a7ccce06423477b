import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "../portal-api/schemas";
import { DELIVERY_STATUSES } from "./endpoint-input";

export const MAX_EVENT_DELIVERIES = 50;

export const appEventSelect = {
  id: true,
  type: true,
  body: true,
  createdAt: true,
  receivedAt: true,
  deliveries: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_EVENT_DELIVERIES,
    select: { id: true, endpointId: true, status: true, attemptCount: true, lastStatus: true },
  },
} satisfies Prisma.WebhookEventSelect;

type Row = Prisma.WebhookEventGetPayload<{ select: typeof appEventSelect }>;

const eventDeliveryDto = z.object({
  id: resourceId,
  endpoint_id: resourceId,
  status: z.enum(DELIVERY_STATUSES),
  attempt_count: z.int().min(0).max(1_000_000),
  last_response_status: z.int().min(100).max(999).nullable(),
});

/** An event the app received (stored when it had a target), with its deliveries. */
export const appEventDto = z.object({
  id: resourceId.describe("The event id (`evt_…`), the `webhook-id` of every delivery."),
  type: text(100),
  created_at: timestamp.describe("When it happened, on the sandbox's clock."),
  received_at: timestamp.describe("When the portal took it from the bank's outbox."),
  data: z.unknown().describe("The event's `data` (`{ object }`), exactly as delivered."),
  deliveries: z.array(eventDeliveryDto).max(MAX_EVENT_DELIVERIES).describe("One per endpoint it was sent to, oldest first."),
});

export type AppEventDto = z.output<typeof appEventDto>;

export function toAppEventDto(row: Row): AppEventDto {
  const body = JSON.parse(row.body) as { data?: unknown };
  return {
    id: row.id,
    type: row.type,
    created_at: row.createdAt.toISOString(),
    received_at: row.receivedAt.toISOString(),
    data: body.data ?? null,
    deliveries: row.deliveries.map((delivery) => ({
      id: delivery.id,
      endpoint_id: delivery.endpointId,
      status: delivery.status,
      attempt_count: delivery.attemptCount,
      last_response_status: delivery.lastStatus,
    })),
  };
}
