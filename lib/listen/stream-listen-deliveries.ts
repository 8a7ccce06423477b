import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { pollingStream, type SseMessage } from "@/lib/http/server-sent-events";
import { openSecret } from "@/lib/webhooks/secret-box";
import { signatureHeaders } from "@/lib/webhooks/sign-payload";
import { findListenSession } from "./find-listen-session";
import { LISTEN_SEEN_EVERY_MS } from "./listen-liveness";
import type { ListenDeliveryEvent } from "./listen-session-dto";

/** How often the stream looks for new deliveries: the floor of fire → laptop latency after the dispatcher's ingest. */
export const LISTEN_POLL_MS = 200;
export const LISTEN_HEARTBEAT_MS = 15_000;
/**
 * Ingest stamps a delivery with its dispatcher's clock before its transaction commits, so a
 * row can appear with a stamp a little older than one already sent. The query looks this far
 * back, and skips what this connection already sent.
 */
const LOOKBACK_MS = 10_000;
const BATCH = 50;

/**
 * A listen session's deliveries as Server-Sent Events: every delivery without a result
 * (`pending`), oldest first, each once per connection, as `event: delivery` / `id: <delivery
 * id>` / the signed headers and the exact body (signed now, by the portal, with the session's
 * secret: Standard Webhooks, like the dispatcher's sends). The CLI reports each result
 * (record-listen-result.ts); that result is the acknowledgement. So on a reconnect every
 * delivery still without a result is sent again, oldest first, the ones at or before the
 * client's Last-Event-ID included (the CLI may have died before forwarding them): delivery is
 * at least once, always with the same webhook-id, and nothing is lost. A resend puts a
 * delivery back to pending with a new stamp, and an open stream sends it again.
 *
 * The session's own checks run before the stream starts (404 as problem+json); while it is
 * open it records a sign of life at every heartbeat, which keeps it a delivery target.
 */
export async function streamListenDeliveries(options: {
  appId: string;
  sessionId: string;
  userId: string;
  signal: AbortSignal;
}): Promise<AsyncIterable<SseMessage>> {
  const session = await findListenSession(options);
  const pepper = env().API_KEY_PEPPER;
  const secret = openSecret(session.secretCiphertext, pepper);
  const markSeen = () =>
    db()
      .webhookEndpoint.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } })
      .then(() => undefined);
  await markSeen();

  /** What this connection sent: delivery id → the pending stamp it was sent for. */
  const sent = new Map<string, number>();
  let newest = 0;
  let lastSeen = Date.now();

  async function poll(): Promise<SseMessage[]> {
    if (Date.now() - lastSeen >= LISTEN_SEEN_EVERY_MS) {
      lastSeen = Date.now();
      await markSeen();
    }
    const rows = await db().webhookDelivery.findMany({
      where: {
        endpointId: session.id,
        status: "pending",
        ...(newest ? { nextAttemptAt: { gte: new Date(newest - LOOKBACK_MS) } } : {}),
      },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: BATCH + sent.size,
      select: { id: true, nextAttemptAt: true, event: { select: { id: true, type: true, body: true } } },
    });
    const messages: SseMessage[] = [];
    for (const row of rows) {
      const stamp = row.nextAttemptAt?.getTime() ?? 0;
      if (sent.get(row.id) === stamp) continue;
      if (messages.length >= BATCH) break;
      sent.set(row.id, stamp);
      newest = Math.max(newest, stamp);
      const headers = signatureHeaders({ id: row.event.id, timestamp: new Date(), body: row.event.body, secrets: [secret] });
      const data: ListenDeliveryEvent = {
        delivery_id: row.id,
        event_id: row.event.id,
        event_type: row.event.type,
        headers: { ...headers, "content-type": "application/json" },
        body: row.event.body,
      };
      messages.push({ event: "delivery", id: row.id, data: JSON.stringify(data) });
    }
    for (const [id, stamp] of sent) if (stamp < newest - 2 * LOOKBACK_MS) sent.delete(id);
    return messages;
  }

  async function* messages(): AsyncGenerator<SseMessage> {
    // Sent at once, so the client knows the stream is open (and proxies pass the headers on).
    yield { event: "ready", data: JSON.stringify({ session_id: session.id }), retry: 2000 };
    yield* pollingStream({ signal: options.signal, intervalMs: LISTEN_POLL_MS, heartbeatMs: LISTEN_HEARTBEAT_MS, poll });
  }
  return messages();
}
