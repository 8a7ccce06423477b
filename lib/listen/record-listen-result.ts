import type { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { db } from "@/lib/db";
import { FAILING_THRESHOLD } from "@/lib/webhooks/attempt-delivery";
import { retryOnBusy } from "@/lib/webhooks/retry-on-busy";
import type { listenResultDto, listenResultInput } from "./listen-session-dto";

/**
 * What `openbank listen`'s local receiver answered for a forwarded delivery, recorded as an
 * attempt like the dispatcher's (trigger `listen`), so the dashboard's delivery log shows it
 * and the onboarding's "webhook endpoint answered 2xx" counts it. The result is the delivery's
 * acknowledgement: it leaves `pending` (succeeded on 2xx, else failed: a listen session has no
 * retry schedule; resend it, or fix the receiver and fire again) and is not streamed again. A
 * second result for the same delivery (at-least-once after a reconnect) is another attempt; a
 * failure never undoes a success.
 */
export async function recordListenResult(options: {
  appId: string;
  sessionId: string;
  userId: string;
  deliveryId: string;
  input: z.output<typeof listenResultInput>;
}): Promise<z.input<typeof listenResultDto>> {
  const { input } = options;
  const delivery = await db().webhookDelivery.findFirst({
    where: {
      id: options.deliveryId,
      endpoint: { id: options.sessionId, appId: options.appId, kind: "cli", listenUserId: options.userId },
    },
    select: { id: true, status: true, endpointId: true, event: { select: { id: true } } },
  });
  if (!delivery) throw new AppError("resource_not_found", `No delivery ${options.deliveryId} in listen session ${options.sessionId}.`);
  const ok = input.status !== null && input.status >= 200 && input.status < 300;
  const now = new Date();
  const createdAt = new Date(now.getTime() - input.duration_ms);
  const requestHeaders = { "webhook-id": delivery.event.id, "content-type": "application/json", via: "openbank listen" };

  // Read before the transaction, so it only writes: on SQLite a transaction that reads first and
  // then writes cannot take the write lock while another writer (the dispatcher, a stream) holds it.
  const { attemptCount } = await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { attemptCount: true } });
  const number = attemptCount + 1;
  const attemptId = newId("webhookAttempt");
  const endpointHealth = ok
    ? [
        db().webhookEndpoint.update({
          where: { id: delivery.endpointId },
          data: { consecutiveFailures: 0, failingSince: null, lastSuccessAt: now },
        }),
      ]
    : [
        db().webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { consecutiveFailures: { increment: 1 } } }),
        db().webhookEndpoint.updateMany({
          where: { id: delivery.endpointId, failingSince: null, consecutiveFailures: { gte: FAILING_THRESHOLD } },
          data: { failingSince: now },
        }),
      ];
  await retryOnBusy(() =>
    db().$transaction([
      db().webhookAttempt.create({
        data: {
          id: attemptId,
          deliveryId: delivery.id,
          number,
          trigger: "listen",
          requestHeaders: JSON.stringify(requestHeaders),
          responseStatus: input.status,
          responseBody: null,
          error: input.error ?? null,
          latencyMs: input.duration_ms,
          createdAt,
        },
      }),
      db().webhookDelivery.update({
        where: { id: delivery.id },
        data: { nextAttemptAt: null, attemptCount: { increment: 1 }, lastStatus: input.status, lockedUntil: null },
      }),
      // A failure never undoes a success (a repeat after a reconnect).
      db().webhookDelivery.updateMany({
        where: ok ? { id: delivery.id } : { id: delivery.id, status: { not: "succeeded" } },
        data: { status: ok ? "succeeded" : "failed" },
      }),
      ...endpointHealth,
    ]),
  );
  const { status } = await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { status: true } });
  return {
    delivery_id: delivery.id,
    status: status === "succeeded" ? "succeeded" : "failed",
    attempt: {
      id: attemptId,
      number,
      trigger: "listen" as const,
      request_headers: requestHeaders,
      response_status: input.status,
      response_body: null,
      error: input.error ?? null,
      latency_ms: input.duration_ms,
      created_at: createdAt.toISOString(),
    },
  };
}
