import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { retryOnBusy } from "./retry-on-busy";
import { nextRetryDelay } from "./retry-schedule";
import { openSecret } from "./secret-box";
import type { SendOptions, SendResult } from "./send-webhook";
import { signatureHeaders } from "./sign-payload";

/** Failed attempts in a row after which an endpoint is shown as failing. */
export const FAILING_THRESHOLD = 5;

export type AttemptConfig = {
  db: PrismaClient;
  pepper: string;
  schedule: number[];
  timeoutMs: number;
  allowLoopback: boolean;
  /** Loopback ports never posted to (internal-ports.ts). */
  internalPorts?: readonly number[];
  send: (options: SendOptions) => Promise<SendResult>;
  now?: () => Date;
  random?: () => number;
};

export type AttemptOutcome = {
  attemptId: string;
  number: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
  deliveryStatus: "pending" | "succeeded" | "failed";
};

/**
 * One signed POST of a delivery, and its bookkeeping in one transaction: the attempt as sent
 * and answered, the delivery's new state, the endpoint's health. A scheduled attempt that fails
 * waits for the next step of the retry schedule, or ends `failed` when the schedule is used up;
 * a manual resend never moves the schedule. Every attempt carries the same webhook-id (the
 * event id) and a fresh timestamp and signature. Null when the delivery no longer exists.
 */
export async function attemptDelivery(
  config: AttemptConfig,
  options: { deliveryId: string; trigger: "scheduled" | "manual" },
): Promise<AttemptOutcome | null> {
  const { db } = config;
  const clock = config.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: options.deliveryId },
    select: {
      id: true,
      status: true,
      attemptCount: true,
      nextAttemptAt: true,
      event: { select: { id: true, body: true } },
      endpoint: { select: { id: true, url: true, secretCiphertext: true, previousSecretCiphertext: true, previousSecretExpiresAt: true } },
    },
  });
  if (!delivery) return null;
  const sentAt = clock();
  const { endpoint, event } = delivery;
  const secrets = [openSecret(endpoint.secretCiphertext, config.pepper)];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > sentAt) {
    secrets.push(openSecret(endpoint.previousSecretCiphertext, config.pepper));
  }
  const headers = signatureHeaders({ id: event.id, timestamp: sentAt, body: event.body, secrets });
  const result = await config.send({
    url: endpoint.url,
    headers,
    body: event.body,
    timeoutMs: config.timeoutMs,
    allowLoopback: config.allowLoopback,
    internalPorts: config.internalPorts,
  });
  const finishedAt = clock();

  // Stable while we hold the delivery's claim; read before the transaction so it only writes.
  const scheduledBefore = await db.webhookAttempt.count({ where: { deliveryId: delivery.id, trigger: "scheduled" } });
  try {
    return await retryOnBusy(() =>
      db.$transaction(async (tx) => {
        const number = delivery.attemptCount + 1;
        const attemptId = newId("webhookAttempt");
        await tx.webhookAttempt.create({
          data: {
            id: attemptId,
            deliveryId: delivery.id,
            number,
            trigger: options.trigger,
            requestHeaders: JSON.stringify({ ...headers, "content-type": "application/json" }),
            responseStatus: result.status,
            responseBody: result.responseBody,
            error: result.error,
            latencyMs: result.latencyMs,
            createdAt: sentAt,
          },
        });

        let status = delivery.status;
        let nextAttemptAt = delivery.nextAttemptAt;
        if (result.ok) {
          status = "succeeded";
          nextAttemptAt = null;
        } else if (options.trigger === "scheduled") {
          const delay = nextRetryDelay(config.schedule, scheduledBefore + 1, (config.random ?? Math.random)());
          status = delay === null ? "failed" : "pending";
          nextAttemptAt = delay === null ? null : new Date(finishedAt.getTime() + delay);
        }
        await tx.webhookDelivery.update({
          where: { id: delivery.id },
          data: { status, nextAttemptAt, attemptCount: number, lastStatus: result.status, lockedUntil: null },
        });

        if (result.ok) {
          await tx.webhookEndpoint.update({
            where: { id: endpoint.id },
            data: { consecutiveFailures: 0, failingSince: null, lastSuccessAt: finishedAt },
          });
        } else {
          await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: { increment: 1 } } });
          await tx.webhookEndpoint.updateMany({
            where: { id: endpoint.id, failingSince: null, consecutiveFailures: { gte: FAILING_THRESHOLD } },
            data: { failingSince: finishedAt },
          });
        }
        return { attemptId, number, ok: result.ok, status: result.status, error: result.error, nextAttemptAt, deliveryStatus: status };
      }),
    );
  } catch (error) {
    // The endpoint (and its deliveries) was deleted while we were sending.
    if ((error as { code?: string }).code === "P2025") return null;
    throw error;
  }
}
