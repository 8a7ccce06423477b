import type { Prisma } from "@prisma/client";
import { FAILING_THRESHOLD } from "./attempt-delivery";
import { eventTypesOf } from "./event-filter";

export const endpointDtoSelect = {
  id: true,
  appId: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  previousSecretExpiresAt: true,
  consecutiveFailures: true,
  failingSince: true,
  lastSuccessAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

type Row = Prisma.WebhookEndpointGetPayload<{ select: typeof endpointDtoSelect }>;

export type EndpointDto = {
  id: string;
  app_id: string;
  url: string;
  description: string;
  event_types: string[];
  enabled: boolean;
  /** disabled (by you), failing (FAILING_THRESHOLD failures in a row), or active. */
  status: "active" | "failing" | "disabled";
  consecutive_failures: number;
  failing_since: string | null;
  last_success_at: string | null;
  /** While set, deliveries are signed with the previous secret too. */
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
};

export function toEndpointDto(row: Row, now: Date = new Date()): EndpointDto {
  const rotating = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null;
  return {
    id: row.id,
    app_id: row.appId,
    url: row.url,
    description: row.description,
    event_types: eventTypesOf(row.eventTypes),
    enabled: row.enabled,
    status: !row.enabled ? "disabled" : row.failingSince || row.consecutiveFailures >= FAILING_THRESHOLD ? "failing" : "active",
    consecutive_failures: row.consecutiveFailures,
    failing_since: row.failingSince?.toISOString() ?? null,
    last_success_at: row.lastSuccessAt?.toISOString() ?? null,
    previous_secret_expires_at: rotating,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
