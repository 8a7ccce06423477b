import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * An answer sent before its request's body arrived in full (a 401 before the body is read, a 413
 * at the limit) ends the connection: Node would otherwise read the rest of the upload, however
 * large, to keep the connection alive for the next request. The server stops reading here.
 */
export function closeUnreadUploads(request: IncomingMessage, response: ServerResponse): void {
  response.once("finish", () => {
    if (!request.complete) request.socket.destroySoon();
  });
}
