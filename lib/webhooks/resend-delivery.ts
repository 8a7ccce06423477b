import { env } from "../env";
import { db } from "../db";
import { attemptDelivery } from "./attempt-delivery";
import { attemptConfig } from "./dispatcher-config";
import { getDeliveryOrThrow } from "./get-delivery-or-throw";
import type { DeliveryDetailDto } from "./delivery-dto";

/**
 * Sends one delivery again now, whatever its status, with the same webhook-id (so a receiver
 * that already handled it can recognise it) and a fresh timestamp and signature. A resend does
 * not move the retry schedule; a success ends it. A listen session's delivery is streamed again.
 */
export async function resendDelivery(options: { appId: string; endpointId: string; deliveryId: string }): Promise<DeliveryDetailDto> {
  const delivery = await getDeliveryOrThrow(options);
  const endpoint = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: options.endpointId }, select: { kind: true } });
  if (endpoint.kind === "cli") {
    // A listen session is never POSTed: back to pending with a new stamp, and its stream (open
    // now, or at the next `listen`) sends it again with the same webhook-id.
    await db().webhookDelivery.update({ where: { id: delivery.id }, data: { status: "pending", nextAttemptAt: new Date() } });
    return getDeliveryOrThrow(options);
  }
  await attemptDelivery(attemptConfig(env(), db()), { deliveryId: delivery.id, trigger: "manual" });
  return getDeliveryOrThrow(options);
}
