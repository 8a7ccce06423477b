import type { App } from "@prisma/client";

export type AppDto = {
  id: string;
  team_id: string;
  name: string;
  description: string;
  redirect_uris: string[];
  status: "active" | "suspended";
  created_at: string;
};

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
