import { AppError } from "@openbank/contracts/errors";

/** Portal bodies are small forms; an operation that takes a file declares its own, larger limit. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function describeLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * 413 payload_too_large. `Connection: close` tells the client (and Node's server, which then
 * closes the socket after the answer instead of draining the rest of the upload) that the
 * connection ends here: nothing past the limit is read.
 */
export function payloadTooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `Request bodies are limited to ${describeLimit(maxBytes)} here.`, {
    headers: { connection: "close" },
  });
}

/**
 * The one bounded reader of a Web request body: stops reading as soon as the body passes
 * `maxBytes` (declared by Content-Length or streamed, chunked, with none) and throws 413
 * payload_too_large. Every portal route that reads a body reads it here (or via readJson).
 *
 * The stream is left unread rather than cancelled: cancelling it destroys Node's request and
 * with it the socket, before the 413 could be sent. The 413's `Connection: close` ends it.
 */
export async function readBody(request: Request, options: { maxBytes?: number } = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw payloadTooLarge(maxBytes);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text, bounded as readBody. */
export async function readText(request: Request, options: { maxBytes?: number } = {}): Promise<string> {
  return (await readBody(request, options)).toString("utf8");
}

/** An `application/x-www-form-urlencoded` body, bounded as readBody. */
export async function readForm(request: Request, options: { maxBytes?: number } = {}): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(request, options));
}
