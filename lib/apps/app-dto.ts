import type { App } from "@prisma/client";
import { z } from "zod";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/** An app as the API shows it. */
export const appDto = z.object({
  id: resourceId,
  team_id: resourceId,
  name: text(60),
  description: text(500),
  /** Matched exactly at the authorization endpoint (at most 10, see redirectUrisInput). */
  redirect_uris: z.array(text(2000)).max(10),
  status: z.enum(["active", "suspended"]),
  created_at: timestamp,
});

export type AppDto = z.output<typeof appDto>;

export const appDtoSelect = {
  id: true,
  teamId: true,
  name: true,
  description: true,
  redirectUris: true,
  status: true,
  createdAt: true,
} as const;

export function toAppDto(app: Pick<App, keyof typeof appDtoSelect>): AppDto {
  return {
    id: app.id,
    team_id: app.teamId,
    name: app.name,
    description: app.description,
    redirect_uris: Array.isArray(app.redirectUris) ? (app.redirectUris as string[]) : [],
    status: app.status,
    created_at: app.createdAt.toISOString(),
  };
}

/** An app on the dashboard's cards: with its team's name and its activity. */
export const appSummaryDto = appDto.extend({
  team_name: text(120),
  active_keys: count,
  requests_24h: count,
});

/** One app, with the caller's role in its team. */
export const appDetailDto = appDto.extend({
  role: z.enum(["owner", "admin", "developer", "viewer"]),
  team_name: text(120),
});
