import { db } from "../db";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";

/** Deletes the endpoint with its deliveries and their log; nothing more is sent to it. */
export async function deleteEndpoint(options: { appId: string; endpointId: string }): Promise<{ id: string; deleted: true }> {
  const endpoint = await getEndpointOrThrow(options);
  await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  return { id: endpoint.id, deleted: true };
}
