import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { AttemptConfig } from "../webhooks/attempt-delivery";
import { eventBody } from "../webhooks/event-body";
import { openSecret } from "../webhooks/secret-box";
import { signatureHeaders } from "../webhooks/sign-payload";
import type { PlannedDelivery } from "./readiness-check";
import type { CheckState } from "./run-state";

/**
 * Sends a check's webhooks to the app's own enabled endpoints, and only those: each planned
 * event is stored for the app, one delivery per endpoint, its attempts sent at once in order
 * (the same webhook-id each time; a `forged` one signed with a random secret). The deliveries
 * are marked `readiness` (their attempts' trigger) and done for good when sent: the dispatcher
 * never retries them. Returns what the check remembers for grading.
 */
export async function sendReadinessWebhooks(
  config: Pick<AttemptConfig, "db" | "pepper" | "timeoutMs" | "allowLoopback" | "internalPorts" | "send">,
  options: { appId: string; planned: PlannedDelivery[] },
): Promise<Pick<CheckState, "sent" | "endpoints" | "delivery_ids">> {
  const db: PrismaClient = config.db;
  const endpoints = await db.webhookEndpoint.findMany({
    where: { appId: options.appId, enabled: true, kind: "url" },
    select: { id: true, url: true, secretCiphertext: true },
    orderBy: { createdAt: "asc" },
  });
  const sent: CheckState["sent"] = [];
  for (const planned of options.planned) {
    const now = new Date();
    const eventId = newId("event");
    const body = eventBody({ id: eventId, type: planned.type, createdAt: now, object: planned.object });
    await db.webhookEvent.create({ data: { id: eventId, appId: options.appId, type: planned.type, body, createdAt: now } });
    for (const endpoint of endpoints) {
      const deliveryId = newId("webhookDelivery");
      await db.webhookDelivery.create({
        data: { id: deliveryId, eventId, endpointId: endpoint.id, status: "pending", nextAttemptAt: null },
      });
      const secret = openSecret(endpoint.secretCiphertext, config.pepper);
      let number = 0;
      for (const attempt of planned.attempts) {
        number += 1;
        const sentAt = new Date();
        const signingSecret = attempt.forged ? `whsec_${randomBytes(24).toString("base64")}` : secret;
        const headers = signatureHeaders({ id: eventId, timestamp: sentAt, body, secrets: [signingSecret] });
        const result = await config.send({
          url: endpoint.url,
          headers,
          body,
          timeoutMs: config.timeoutMs,
          allowLoopback: config.allowLoopback,
          internalPorts: config.internalPorts,
        });
        const attemptId = newId("webhookAttempt");
        await db.$transaction([
          db.webhookAttempt.create({
            data: {
              id: attemptId,
              deliveryId,
              number,
              trigger: "readiness",
              requestHeaders: JSON.stringify({ ...headers, "content-type": "application/json" }),
              responseStatus: result.status,
              responseBody: result.responseBody,
              error: result.error,
              latencyMs: result.latencyMs,
              createdAt: sentAt,
            },
          }),
          db.webhookDelivery.update({
            where: { id: deliveryId },
            data: { status: result.ok ? "succeeded" : "failed", attemptCount: number, lastStatus: result.status, nextAttemptAt: null },
          }),
        ]);
        sent.push({ attempt_id: attemptId, delivery_id: deliveryId, endpoint_id: endpoint.id, label: attempt.label });
      }
    }
  }
  return { sent, endpoints: endpoints.length, delivery_ids: [...new Set(sent.map((entry) => entry.delivery_id))] };
}
