import type { Prisma } from "@prisma/client";

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

export type DeliveryDto = {
  id: string;
  endpoint_id: string;
  /** The webhook-id of every attempt. */
  event_id: string;
  event_type: string;
  event_created_at: string;
  status: "pending" | "succeeded" | "failed";
  attempt_count: number;
  /** When the next scheduled attempt runs; null when none will. */
  next_attempt_at: string | null;
  last_response_status: number | null;
  created_at: string;
  updated_at: string;
};

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

export type AttemptDto = {
  id: string;
  number: number;
  trigger: "scheduled" | "manual";
  request_headers: Record<string, string>;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  latency_ms: number;
  created_at: string;
};

export type DeliveryDetailDto = DeliveryDto & { request_body: string; attempts: AttemptDto[] };
