import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "../portal-api/schemas";
import { DELIVERY_STATUSES } from "./endpoint-input";

export const deliveryDtoSelect = {
  id: true,
  endpointId: true,
  status: true,
  attemptCount: true,
  nextAttemptAt: true,
  lastStatus: true,
  createdAt: true,
  updatedAt: true,
  event: { select: { id: true, type: true, createdAt: true } },
} satisfies Prisma.WebhookDeliverySelect;

type Row = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliveryDtoSelect }>;

/** What the receiver answered (HTTP parsers accept any three digits). */
const httpStatus = z.int().min(100).max(999);

/** One event sent (and retried) to one endpoint. */
export const deliveryDto = z.object({
  id: resourceId,
  endpoint_id: resourceId,
  /** The webhook-id of every attempt. */
  event_id: resourceId,
  event_type: text(100),
  event_created_at: timestamp,
  status: z.enum(DELIVERY_STATUSES),
  attempt_count: z.int().min(0).max(1_000_000),
  /** When the next scheduled attempt runs; null when none will. */
  next_attempt_at: timestamp.nullable(),
  last_response_status: httpStatus.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export type DeliveryDto = z.output<typeof deliveryDto>;

export function toDeliveryDto(row: Row): DeliveryDto {
  return {
    id: row.id,
    endpoint_id: row.endpointId,
    event_id: row.event.id,
    event_type: row.event.type,
    event_created_at: row.event.createdAt.toISOString(),
    status: row.status,
    attempt_count: row.attemptCount,
    next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
    last_response_status: row.lastStatus,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** One HTTP attempt of a delivery: what was sent and what came back. */
export const attemptDto = z.object({
  id: resourceId,
  number: z.int().min(1).max(1_000_000),
  /** scheduled (the dispatcher), manual (a resend), listen (forwarded by `openbank listen`, which reported the result) or readiness (a readiness run's check, never retried). */
  trigger: z.enum(["scheduled", "manual", "listen", "readiness"]),
  request_headers: z.record(text(100), text(4096)),
  /** Null when no answer arrived (`error` says why). */
  response_status: httpStatus.nullable(),
  /** The first 2 KiB of the answer. */
  response_body: text(4096).nullable(),
  error: text(4096).nullable(),
  latency_ms: z.int().min(0).max(86_400_000),
  created_at: timestamp,
});

export type AttemptDto = z.output<typeof attemptDto>;

/** A delivery with the body it sends and every attempt, newest first. */
export const deliveryDetailDto = deliveryDto.extend({
  request_body: text(1_048_576),
  attempts: z.array(attemptDto).max(100_000),
});

export type DeliveryDetailDto = z.output<typeof deliveryDetailDto>;
