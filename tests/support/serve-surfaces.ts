import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createFastPath, type Surface } from "@/lib/gateway/fast-path";
import { closeUnreadUploads } from "@/lib/http/close-unread-uploads";

/**
 * Gateway surfaces on a local socket behind the real fast path, called like Web handlers: the
 * request's path, method, headers and body go over HTTP exactly as a developer's would.
 */
export async function serveSurfaces(surfaces: Surface[]) {
  const serve = createFastPath(surfaces);
  const server = createServer((request, response) => {
    closeUnreadUploads(request, response); // as server.ts does
    if (!serve(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async handle(request: Request): Promise<Response> {
      const { pathname, search } = new URL(request.url);
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
      return fetch(base + pathname + search, { method: request.method, headers: request.headers, body, redirect: "manual" });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
