import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";
import { request } from "./api.js";
import type { Context } from "./context.js";
import { CliError, EXIT } from "./errors.js";

/** A connection that says nothing (not even a heartbeat, sent every 15 s) for this long is dead. */
const SILENCE_MS = 45_000;
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * Reads a portal stream (Server-Sent Events) and keeps it open: a dropped or silent connection is
 * reopened with backoff (0.5 s up to 10 s), sending `Last-Event-ID`, until the signal aborts.
 * Problems before the stream starts end it (a 401 exits 3, a 404 is the caller's to handle via
 * `onNotFound`, which may return a new path). `onEvent` is awaited in order.
 */
export async function followStream(
  context: Context,
  options: {
    path: () => string;
    signal: AbortSignal;
    onEvent: (message: EventSourceMessage) => void | Promise<void>;
    onReconnecting?: (attempt: number, delayMs: number, reason: string) => void;
    onNotFound?: () => Promise<void>;
  },
): Promise<void> {
  let lastEventId: string | undefined;
  let failures = 0;
  while (!options.signal.aborted) {
    const connection = new AbortController();
    const abort = () => connection.abort();
    options.signal.addEventListener("abort", abort, { once: true });
    let reason = "the stream ended";
    try {
      const response = await request(context, "GET", options.path(), {
        headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
        signal: connection.signal,
        allowError: true,
      });
      if (response.status === 404 && options.onNotFound) {
        await response.body?.cancel();
        await options.onNotFound();
        continue;
      }
      if (!response.ok) {
        const error = CliError.fromProblem(
          response.status,
          await response.json().catch(() => undefined),
          response.headers.get("x-request-id"),
        );
        // Not signed in, forbidden, a bad filter: reconnecting will not help.
        if (response.status < 500 && response.status !== 429) throw error;
        throw Object.assign(error, { retry: true });
      }
      failures = 0;
      let timer = setTimeout(abort, SILENCE_MS);
      const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
      const reader = events.getReader();
      for (;;) {
        const { done, value: message } = await reader.read();
        if (done) break;
        clearTimeout(timer);
        timer = setTimeout(abort, SILENCE_MS);
        if (message.id) lastEventId = message.id;
        if (message.event === "error") throw new CliError(`The stream failed: ${message.data}`, EXIT.failed);
        await options.onEvent(message);
      }
      clearTimeout(timer);
    } catch (error) {
      if (options.signal.aborted) break;
      if (error instanceof CliError && !(error as { retry?: boolean }).retry && error.exitCode !== EXIT.unreachable) throw error;
      reason = error instanceof Error ? error.message : String(error);
      if (connection.signal.aborted) reason = "no heartbeat for 45 s";
    } finally {
      options.signal.removeEventListener("abort", abort);
    }
    if (options.signal.aborted) break;
    const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
    failures += 1;
    options.onReconnecting?.(failures, delay, reason);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** An AbortSignal that aborts on ^C / SIGTERM, so a streaming command ends with exit code 0. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return controller.signal;
}
