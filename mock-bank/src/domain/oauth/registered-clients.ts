import type { PrismaClient } from "@prisma/client";

export type RegisteredClient = {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  token_endpoint_auth_method: string;
  profile: string;
  created_at: string;
};

/**
 * The clients registered at /oauth/register with an app's software statement (RFC 7591), newest
 * first. Portal clients are kept in the same table (as the gateway describes them) and are not
 * listed: only registered ones have a `dcr_` id.
 */
export async function listRegisteredClients(db: PrismaClient, appId: string): Promise<RegisteredClient[]> {
  const rows = await db.bankOidcRecord.findMany({
    where: { kind: "Client", clientId: { startsWith: "dcr_" }, payload: { contains: `"app_id":${JSON.stringify(appId)}` } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows
    .map((row) => ({ row, metadata: JSON.parse(row.payload) as Record<string, unknown> }))
    .filter(({ metadata }) => metadata.app_id === appId)
    .map(({ row, metadata }) => ({
      client_id: String(metadata.client_id),
      client_name: String(metadata.client_name ?? metadata.client_id),
      redirect_uris: (metadata.redirect_uris as string[]) ?? [],
      token_endpoint_auth_method: String(metadata.token_endpoint_auth_method),
      profile: String(metadata.profile ?? "basic"),
      created_at: row.createdAt.toISOString(),
    }));
}
