import http from "node:http";

/** 48 MiB: the size of the penetration test's uploads (issue 21), far past every limit. */
export const HUGE_UPLOAD_BYTES = 48 * 1024 * 1024;

export type UploadOutcome = {
  /** The answer's status, headers and body; undefined when the server never answered. */
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes handed to the socket when the answer's head arrived. */
  sentBeforeAnswer?: number;
  /** Bytes handed to the socket in all. */
  sent: number;
  /** Whether every byte of the upload was sent: false when the server closed the connection first. */
  completed: boolean;
};

/**
 * Uploads `totalBytes` with `Transfer-Encoding: chunked` (no Content-Length, so no early check can
 * fire), as fast as the socket takes it, and keeps sending after the answer arrives, until all is
 * sent or the server closes the connection. A server that stops reading at its limit answers long
 * before the end and closes the connection (completed: false); one that reads the whole body
 * answers only after the last byte (sentBeforeAnswer === totalBytes, completed: true).
 */
export function chunkedUpload(
  url: string,
  options: { method?: string; headers?: Record<string, string>; totalBytes?: number; chunkBytes?: number; timeoutMs?: number } = {},
): Promise<UploadOutcome> {
  const total = options.totalBytes ?? HUGE_UPLOAD_BYTES;
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, "a");
  return new Promise((resolve, reject) => {
    const outcome: UploadOutcome = { headers: {}, body: "", sent: 0, completed: false };
    const request = http.request(url, {
      method: options.method ?? "POST",
      // keep-alive, as a browser or an HTTP client with a pool asks: a server would then drain the
      // rest of an upload it answered early, to reuse the connection, unless it closes it.
      headers: { ...options.headers, "transfer-encoding": "chunked", connection: "keep-alive" },
      agent: false,
    });
    let stopped = false;
    let answered = false;
    let closed = false;
    const timer = setTimeout(() => {
      request.destroy();
      reject(
        new Error(
          `the connection was not closed within ${options.timeoutMs ?? 60_000} ms (answer: ${outcome.status ?? "none"}, sent ${outcome.sent} bytes)`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    const settle = () => {
      if (!closed || (outcome.status !== undefined && !answered)) return;
      clearTimeout(timer);
      resolve(outcome);
    };
    const pump = () => {
      while (!stopped && outcome.sent < total) {
        const flushed = request.write(chunk);
        outcome.sent += chunk.length;
        if (!flushed) {
          request.once("drain", pump);
          return;
        }
      }
      if (!stopped && outcome.sent >= total) {
        outcome.completed = true;
        request.end();
      }
    };
    request.on("response", (response) => {
      outcome.status = response.statusCode;
      outcome.headers = response.headers;
      outcome.sentBeforeAnswer = outcome.sent;
      response.setEncoding("utf8");
      response.on("data", (text: string) => (outcome.body += text));
      const done = () => {
        answered = true;
        settle();
      };
      response.once("end", done);
      response.once("error", done);
      response.once("aborted", done);
    });
    // A write after the server closed: EPIPE / ECONNRESET. That is the point, not a failure.
    request.on("error", () => {
      stopped = true;
    });
    request.on("close", () => {
      stopped = true;
      closed = true;
      // The answer's body may still be arriving when the request side closes.
      setTimeout(settle, 50);
    });
    pump();
  });
}
