/**
 * Server-Sent Events (the WHATWG HTML standard's `text/event-stream`) for the portal API's
 * streams: `openbank listen` and `openbank logs tail`. One message is an optional `event:` and
 * `id:`, `data:` lines (one per line of the data), or a `:` comment (heartbeats), and a blank line.
 */
export type SseMessage = { event?: string; id?: string; data: string; retry?: number } | { comment: string };

/** The answer's headers: never cached, never compressed or buffered by a proxy (each event must leave at once). */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: Next.js's compression (and any proxy's) leaves the stream alone, so nothing
  // waits in a compression window; X-Accel-Buffering does the same for nginx.
  "cache-control": "private, no-store, no-transform",
  "x-accel-buffering": "no",
} as const;

const encoder = new TextEncoder();

/** Field values cannot hold a line break; ids and event names are ours, so this is a guard, not a filter. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]/g, " ");
}

export function encodeSse(message: SseMessage): Uint8Array {
  if ("comment" in message) return encoder.encode(`: ${oneLine(message.comment)}\n\n`);
  let text = "";
  if (message.event) text += `event: ${oneLine(message.event)}\n`;
  if (message.id) text += `id: ${oneLine(message.id)}\n`;
  if (message.retry !== undefined) text += `retry: ${Math.max(0, Math.round(message.retry))}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return encoder.encode(`${text}\n`);
}

/** Resolves after `ms`, or at once when the signal aborts (the client went away). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * A stream that polls: every `intervalMs` it yields what `poll` found, and a heartbeat comment
 * when nothing was sent for `heartbeatMs` (proxies and the client's idle timer see a live
 * connection; the client learns that a silent stream is a dead one). Ends when the signal aborts.
 */
export async function* pollingStream(options: {
  signal: AbortSignal;
  intervalMs: number;
  heartbeatMs: number;
  poll: () => Promise<SseMessage[]>;
  /** Called at each heartbeat (a listen session records it is alive). */
  onHeartbeat?: () => Promise<void>;
}): AsyncGenerator<SseMessage> {
  const { signal } = options;
  let lastSent = Date.now();
  while (!signal.aborted) {
    const messages = await options.poll();
    for (const message of messages) yield message;
    if (messages.length) lastSent = Date.now();
    else if (Date.now() - lastSent >= options.heartbeatMs) {
      await options.onHeartbeat?.();
      yield { comment: `heartbeat ${new Date().toISOString()}` };
      lastSent = Date.now();
    }
    await pause(options.intervalMs, signal);
  }
}

/**
 * The `Response` of a stream: bytes are pulled from the iterator as the client reads, so a slow
 * client slows the producer instead of filling memory. Cancelling (the client disconnected)
 * aborts `controller` and ends the iterator. A failure after the stream started cannot be a
 * status any more: it is sent as an `event: error` message with the problem, and the stream ends.
 */
export function sseResponse(
  messages: AsyncIterable<SseMessage>,
  options: { headers: Headers; controller: AbortController; onError: (error: unknown) => unknown },
): Response {
  const iterator = messages[Symbol.asyncIterator]();
  // The client can go away while a pull waits for the next message: then there is nothing to
  // send it to (enqueueing would throw "Controller is already closed"), and nothing went wrong.
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        const next = await iterator.next();
        if (cancelled) return;
        if (next.done) stream.close();
        else stream.enqueue(encodeSse(next.value));
      } catch (error) {
        if (cancelled) return;
        stream.enqueue(encodeSse({ event: "error", data: JSON.stringify(options.onError(error)) }));
        stream.close();
      }
    },
    async cancel() {
      cancelled = true;
      options.controller.abort();
      await iterator.return?.(undefined);
    },
  });
  for (const [name, value] of Object.entries(SSE_HEADERS)) options.headers.set(name, value);
  return new Response(body, { status: 200, headers: options.headers });
}
