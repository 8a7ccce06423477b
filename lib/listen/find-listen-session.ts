import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";

/**
 * The caller's own enabled listen session on the app, or 404: a session is its developer's, so
 * a teammate (or anyone) naming another's session id learns nothing about it.
 */
export async function findListenSession(options: { appId: string; sessionId: string; userId: string }) {
  const session = await db().webhookEndpoint.findFirst({
    where: { id: options.sessionId, appId: options.appId, kind: "cli", listenUserId: options.userId, enabled: true },
    select: {
      id: true,
      appId: true,
      secretCiphertext: true,
      previousSecretCiphertext: true,
      previousSecretExpiresAt: true,
      lastSeenAt: true,
    },
  });
  if (!session) throw new AppError("resource_not_found", `No listen session ${options.sessionId}. Start \`openbank listen\` again.`);
  return session;
}
