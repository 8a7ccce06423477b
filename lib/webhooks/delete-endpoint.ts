import { db } from "../db";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { endpointTarget } from "./endpoint-target";

/** Deletes the endpoint with its deliveries and their log; nothing more is sent to it. */
export async function deleteEndpoint(options: {
  appId: string;
  endpointId: string;
  audit: AuditContext;
}): Promise<{ id: string; deleted: true }> {
  const endpoint = await getEndpointOrThrow(options);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, { ...options.audit, action: "webhook.endpoint_deleted", target: endpointTarget(endpoint.id, endpoint.url) });
  });
  return { id: endpoint.id, deleted: true };
}
