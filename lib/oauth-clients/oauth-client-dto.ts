export type OAuthClientDto = {
  client_id: string;
  /** "cs_sandbox_AbCd…wxyz", or null until a secret is generated. */
  secret_prefix: string | null;
  secret_created_at: string | null;
  redirect_uris: string[];
};

export const oauthClientSelect = { clientId: true, secretPrefix: true, secretCreatedAt: true, app: { select: { redirectUris: true } } } as const;

export function toOAuthClientDto(row: { clientId: string; secretPrefix: string | null; secretCreatedAt: Date | null; app: { redirectUris: unknown } }): OAuthClientDto {
  return {
    client_id: row.clientId,
    secret_prefix: row.secretPrefix,
    secret_created_at: row.secretCreatedAt?.toISOString() ?? null,
    redirect_uris: Array.isArray(row.app.redirectUris) ? (row.app.redirectUris as string[]) : [],
  };
}
