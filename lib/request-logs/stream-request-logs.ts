import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { pollingStream, type SseMessage } from "@/lib/http/server-sent-events";
import { logFiltersWhere, type LogFilters } from "./log-filters";
import { requestLogSelect, toRequestLogDto } from "./list-request-logs";

export const TAIL_POLL_MS = 500;
export const TAIL_HEARTBEAT_MS = 15_000;
/**
 * The gateway writes its logs in batches behind the answers, stamped with the request's time:
 * a log can land a little after a later one. The query looks back this far and skips what this
 * connection already sent, so none is missed.
 */
const LOOKBACK_MS = 15_000;
const BATCH = 100;

/**
 * `logs tail`: the app's gateway calls as they are logged, oldest first, as Server-Sent Events
 * (`event: request`, `id:` the request id, data: the list's DTO, masked as stored), under the
 * list's filters (status class or exact status, method, path). It starts from now, or from just
 * after `after` (or the `Last-Event-ID` header), a request id a previous connection sent, so a
 * reconnect resumes where it stopped. An unknown `after` is a 400 before the stream starts.
 */
export async function streamRequestLogs(options: {
  appId: string;
  filters: Partial<LogFilters>;
  after?: string;
  signal: AbortSignal;
}): Promise<AsyncIterable<SseMessage>> {
  const filters: LogFilters = { limit: BATCH, status: options.filters.status, method: options.filters.method, path: options.filters.path };
  let since = new Date();
  const sent = new Map<string, number>();
  if (options.after) {
    const from = await db().requestLog.findFirst({
      where: { id: options.after, appId: options.appId },
      select: { id: true, createdAt: true },
    });
    if (!from) {
      throw new AppError("validation_failed", `No request ${options.after} in this app's logs to resume after.`, {
        errors: [{ pointer: "/query/after", detail: "must be a request id of this app's logs (`req_…`)" }],
      });
    }
    since = from.createdAt;
    sent.set(from.id, from.createdAt.getTime());
  }
  let newest = since.getTime();

  async function poll(): Promise<SseMessage[]> {
    const rows = await db().requestLog.findMany({
      where: { AND: [logFiltersWhere(options.appId, filters), { createdAt: { gte: new Date(newest - LOOKBACK_MS) } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: BATCH + sent.size,
      select: requestLogSelect,
    });
    const messages: SseMessage[] = [];
    for (const row of rows) {
      const at = row.createdAt.getTime();
      // Before the start (or the resume point) is not this tail's; a log already sent is skipped.
      if (at < since.getTime() || sent.has(row.id)) continue;
      if (messages.length >= BATCH) break;
      sent.set(row.id, at);
      newest = Math.max(newest, at);
      messages.push({ event: "request", id: row.id, data: JSON.stringify(toRequestLogDto(row)) });
    }
    for (const [id, at] of sent) if (at < newest - 2 * LOOKBACK_MS) sent.delete(id);
    return messages;
  }

  async function* messages(): AsyncGenerator<SseMessage> {
    yield { event: "ready", data: JSON.stringify({ since: since.toISOString() }), retry: 2000 };
    yield* pollingStream({ signal: options.signal, intervalMs: TAIL_POLL_MS, heartbeatMs: TAIL_HEARTBEAT_MS, poll });
  }
  return messages();
}
