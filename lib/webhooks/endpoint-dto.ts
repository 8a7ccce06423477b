import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "../portal-api/schemas";
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
  kind: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

type Row = Prisma.WebhookEndpointGetPayload<{ select: typeof endpointDtoSelect }>;

/** A webhook endpoint as the API shows it: never its signing secret. */
export const endpointDto = z.object({
  id: resourceId,
  app_id: resourceId,
  /** `url`: POSTed by the dispatcher; `cli`: an `openbank listen` session (no URL: its deliveries go down the CLI's stream). */
  kind: z.enum(["url", "cli"]),
  url: text(2048),
  description: text(200),
  /** The event types it receives; empty for all. */
  event_types: z.array(text(100)).max(100),
  enabled: z.boolean(),
  /** disabled (by you), failing (FAILING_THRESHOLD failures in a row), or active. */
  status: z.enum(["active", "failing", "disabled"]),
  consecutive_failures: z.int().min(0).max(1_000_000),
  failing_since: timestamp.nullable(),
  last_success_at: timestamp.nullable(),
  /** While set, deliveries are signed with the previous secret too. */
  previous_secret_expires_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export type EndpointDto = z.output<typeof endpointDto>;

export function toEndpointDto(row: Row, now: Date = new Date()): EndpointDto {
  const rotating = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null;
  return {
    id: row.id,
    app_id: row.appId,
    kind: row.kind === "cli" ? "cli" : "url",
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
