import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long a closing connection waits for the client to read the answer before it is cut. */
export const LINGER_MS = 1_000;
/**
 * A body declared at most this long is left to Node, which reads and discards what is left after
 * the answer and keeps the connection for the client's next request: closing it instead races a
 * keep-alive client that has already sent that request ("other side closed"). Chunked bodies and
 * longer ones are cut.
 */
export const DRAIN_MAX_BYTES = 64 * 1024;

const current = Symbol("openbank.currentRequest");
type ClosingSocket = Socket & { [current]?: IncomingMessage };

/**
 * Ends a connection whose request body is still arriving without reading the rest: the answer
 * goes out, then FIN, and the request stops being read (its unread bytes stay in the kernel, the
 * client's sends stall). After LINGER_MS the socket is destroyed. Destroying at once would reset
 * the connection while the client may not have read the answer yet (a reset drops it), which is
 * what Node's own `destroySoon` does after a `Connection: close` answer.
 */
function lingeringClose(socket: ClosingSocket): void {
  if (socket.destroyed) return;
  socket[current]?.pause();
  if (socket.writable) socket.end();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}

/**
 * An answer sent before its request's body arrived in full (a 413 at the limit, a 401 before the
 * body is read) ends the connection without reading the rest of the upload: Node would otherwise
 * keep reading it to reuse the connection. Installed once per request by the custom server (and the
 * gateway's test servers); also makes Node's own close after `Connection: close` a lingering one.
 */
export function closeUnreadUploads(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket as ClosingSocket;
  socket[current] = request;
  if (socket.destroySoon !== lingeringCloseMethod) socket.destroySoon = lingeringCloseMethod;
  response.once("finish", () => {
    if (!request.complete && !smallDeclaredBody(request)) socket.destroySoon();
  });
}

function smallDeclaredBody(request: IncomingMessage): boolean {
  const declared = request.headers["content-length"];
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= DRAIN_MAX_BYTES;
}

function lingeringCloseMethod(this: ClosingSocket): void {
  lingeringClose(this);
}
