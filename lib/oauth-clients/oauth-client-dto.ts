import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/** The app's OAuth client as the API shows it: never its secret or hash. */
export const oauthClientDto = z.object({
  client_id: resourceId,
  secret_prefix: text(60).nullable().describe("`cs_sandbox_AbCd…wxyz`, or null until a secret is generated."),
  secret_created_at: timestamp.nullable(),
  redirect_uris: z.array(text(2000)).max(10),
});

export type OAuthClientDto = z.output<typeof oauthClientDto>;

export const oauthClientSelect = {
  clientId: true,
  secretPrefix: true,
  secretCreatedAt: true,
  app: { select: { redirectUris: true } },
} as const;

export function toOAuthClientDto(row: {
  clientId: string;
  secretPrefix: string | null;
  secretCreatedAt: Date | null;
  app: { redirectUris: unknown };
}): OAuthClientDto {
  return {
    client_id: row.clientId,
    secret_prefix: row.secretPrefix,
    secret_created_at: row.secretCreatedAt?.toISOString() ?? null,
    redirect_uris: Array.isArray(row.app.redirectUris) ? (row.app.redirectUris as string[]) : [],
  };
}
