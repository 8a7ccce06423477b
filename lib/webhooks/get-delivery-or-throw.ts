import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { deliveryDtoSelect, toDeliveryDto, type DeliveryDetailDto } from "./delivery-dto";

/** One delivery of the app's endpoint, with the body sent and every attempt, newest first. */
export async function getDeliveryOrThrow(options: { appId: string; endpointId: string; deliveryId: string }): Promise<DeliveryDetailDto> {
  const row = await db().webhookDelivery.findFirst({
    where: { id: options.deliveryId, endpointId: options.endpointId, endpoint: { appId: options.appId } },
    select: {
      ...deliveryDtoSelect,
      event: { select: { id: true, type: true, createdAt: true, body: true } },
      attempts: {
        orderBy: [{ number: "desc" }],
        select: {
          id: true,
          number: true,
          trigger: true,
          requestHeaders: true,
          responseStatus: true,
          responseBody: true,
          error: true,
          latencyMs: true,
          createdAt: true,
        },
      },
    },
  });
  if (!row) throw new AppError("resource_not_found", `No delivery ${options.deliveryId}.`);
  return {
    ...toDeliveryDto(row),
    request_body: row.event.body,
    attempts: row.attempts.map((attempt) => ({
      id: attempt.id,
      number: attempt.number,
      trigger:
        attempt.trigger === "manual" || attempt.trigger === "listen" || attempt.trigger === "readiness" ? attempt.trigger : "scheduled",
      request_headers: JSON.parse(attempt.requestHeaders) as Record<string, string>,
      response_status: attempt.responseStatus,
      response_body: attempt.responseBody,
      error: attempt.error,
      latency_ms: attempt.latencyMs,
      created_at: attempt.createdAt.toISOString(),
    })),
  };
}
