import { requireAppAccess } from "../apps/require-app-access";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { getRequestLog } from "./get-request-log";
import { can } from "../teams/permissions";
import { docsReplayFor, type DocsReplay } from "./replay";

export type DocsReplayWithKey = DocsReplay & { key: { id: string; prefix: string; label: string } | null };

/**
 * A logged call of one of the user's apps, shaped for Try-it-out, with the key it used if
 * that key is still active and the user may call with it. Null when there is nothing to replay.
 */
export async function loadDocsReplay(options: { userId: string; appId: string; requestId: string }): Promise<DocsReplayWithKey | null> {
  try {
    const { appId, role } = await requireAppAccess({ appId: options.appId, userId: options.userId, action: "logs:read" });
    const log = await getRequestLog({ appId, requestId: options.requestId });
    const replay = docsReplayFor(log);
    if (!replay) return null;
    const key =
      log.key_id && can(role, "key:use")
        ? await db().apiKey.findFirst({
            where: { id: log.key_id, appId, revokedAt: null },
            select: { id: true, prefix: true, name: true, app: { select: { name: true } } },
          })
        : null;
    return { ...replay, key: key ? { id: key.id, prefix: key.prefix, label: `${key.app.name} · ${key.name}` } : null };
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
