import { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkEventTypes } from "@/lib/webhooks/check-event-types";
import { eventTypesOf } from "@/lib/webhooks/event-filter";
import { openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { generateSigningSecret } from "@/lib/webhooks/signing-secret";
import type { ListenSessionDto } from "./listen-session-dto";

export function streamPath(appId: string, sessionId: string): string {
  return `/api/apps/${appId}/listen-sessions/${sessionId}/stream`;
}

/**
 * Starts `openbank listen` for a developer and an app: their one session (a webhook endpoint of
 * kind `cli`, never POSTed by the dispatcher), created on first use and reused after, so its
 * `whsec_…` secret is the same on every run (set it once in the local receiver, as with Stripe's
 * CLI). Each call sets the event filter, enables it and marks it live, so events fired from now
 * on are kept for its stream even before the stream connects. The secret is stored encrypted
 * like every endpoint's (lib/webhooks/secret-box.ts) and returned to its owner only.
 */
export async function openListenSession(options: { appId: string; userId: string; eventTypes: string[] }): Promise<ListenSessionDto> {
  await checkEventTypes(options.eventTypes);
  const pepper = env().API_KEY_PEPPER;
  const now = new Date();
  const select = { id: true, appId: true, eventTypes: true, secretCiphertext: true, createdAt: true } as const;
  const where = { appId_listenUserId: { appId: options.appId, listenUserId: options.userId } };
  const changes = { eventTypes: options.eventTypes, enabled: true, lastSeenAt: now };
  let row = await db()
    .webhookEndpoint.update({ where, data: changes, select })
    .catch((error: unknown) => (isCode(error, "P2025") ? null : Promise.reject(error)));
  if (!row) {
    try {
      row = await db().webhookEndpoint.create({
        data: {
          id: newId("listenSession"),
          appId: options.appId,
          kind: "cli",
          listenUserId: options.userId,
          url: "",
          description: "openbank listen",
          secretCiphertext: sealSecret(generateSigningSecret(), pepper),
          ...changes,
        },
        select,
      });
    } catch (error) {
      // Two `listen` started at once: the other one created it; use it.
      if (!isCode(error, "P2002")) throw error;
      row = await db().webhookEndpoint.update({ where, data: changes, select });
    }
  }
  return {
    id: row.id,
    app_id: row.appId,
    secret: openSecret(row.secretCiphertext, pepper),
    event_types: eventTypesOf(row.eventTypes),
    stream_path: streamPath(row.appId, row.id),
    created_at: row.createdAt.toISOString(),
  };
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}
