import { env } from "../env";
import { db } from "../db";
import { attemptDelivery } from "./attempt-delivery";
import { attemptConfig } from "./dispatcher-config";
import { getDeliveryOrThrow } from "./get-delivery-or-throw";
import type { DeliveryDetailDto } from "./delivery-dto";

/**
 * Sends one delivery again now, whatever its status, with the same webhook-id (so a receiver
 * that already handled it can recognise it) and a fresh timestamp and signature. A resend does
 * not move the retry schedule; a success ends it.
 */
export async function resendDelivery(options: { appId: string; endpointId: string; deliveryId: string }): Promise<DeliveryDetailDto> {
  const delivery = await getDeliveryOrThrow(options);
  await attemptDelivery(attemptConfig(env(), db()), { deliveryId: delivery.id, trigger: "manual" });
  return getDeliveryOrThrow(options);
}
