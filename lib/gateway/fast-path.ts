import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@openbank/contracts/errors";
import { API_POLICY } from "../http/content-security-policy";
import { payloadTooLarge } from "../http/read-body";
import securityHeaders from "../http/security-headers.json";
import type { BodyRead, GatewayCall, GatewayResult, HeaderMap, Pipeline } from "./call";

/**
 * The one way into the gateway: the custom server (server.ts) hands every request here first.
 * Requests for a gateway surface go straight from Node's request into that surface's pipeline,
 * without Next.js routing or Web Request/Response objects (which alone capped the gateway near
 * 1,000 req/s, docs/benchmarks.md); everything else goes on to Next.js.
 *
 * The fast path owns the request body: it is read once, when the pipeline asks, and refused
 * above the surface's limit (declared or streamed) as a value the pipeline answers with: reading
 * stops at the limit, and the 413 closes the connection (lib/http/read-body.ts's payloadTooLarge).
 */
export type Surface = {
  /** Paths that belong to the surface, e.g. "/v1/" (after dot segments are resolved). */
  prefix: string;
  maxBodyBytes: number;
  run: Pipeline;
};

/** Node's header object (names already lower-case) read like Web `Headers`. */
class NodeHeaders implements HeaderMap {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}

/**
 * The request target with dot segments and percent-encoded dots resolved as a URL parser would,
 * or null when it cannot be parsed. Routing on the resolved path matters: the bank call carries
 * the internal secret, so `/v1/../internal/…` must never reach a surface.
 */
export function resolveTarget(target: string | undefined): string | null {
  if (!target || !target.startsWith("/")) return null;
  // Plain targets (the common case) need no parsing.
  if (!/[%\\]|\/\.|\/\//.test(target)) return target;
  let url: URL;
  try {
    url = new URL(target, "http://gateway.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://gateway.invalid") return null;
  return url.pathname + url.search;
}

/** The body, refused above `maxBytes`; undefined for GET/HEAD or an empty body. Never throws. */
function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if (request.method === "GET" || request.method === "HEAD") return Promise.resolve({ ok: true, body: undefined });
  const tooLarge = (): BodyRead => ({ ok: false, error: payloadTooLarge(maxBytes) });
  if (Number(request.headers["content-length"] ?? 0) > maxBytes) return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop here: the 413 says `Connection: close`, so Node closes the socket after it
        // instead of draining the rest of the upload.
        request.off("data", onData);
        request.pause();
        resolve(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("error", () =>
      resolve({ ok: false, error: new AppError("validation_failed", "The request body was cut off before its end.") }),
    );
    request.once("end", () => {
      if (size > maxBytes) return;
      resolve({ ok: true, body: size === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    });
  });
}

function nodeCall(request: IncomingMessage, path: string, maxBodyBytes: number): GatewayCall {
  // The client's address is already in the request (server.ts: stampClientAddress, the same
  // resolver Next.js's routes read through clientIp()); last-used bookkeeping reads it there.
  let body: Promise<BodyRead> | undefined;
  return {
    method: request.method ?? "GET",
    path,
    headers: new NodeHeaders(request.headers),
    readBody: () => (body ??= readNodeBody(request, maxBodyBytes)),
  };
}

const fixedHeaders: string[] = securityHeaders.flatMap(({ key, value }) => [key, value]);

function send(response: ServerResponse, result: GatewayResult, method: string | undefined): void {
  const body =
    result.body === null || method === "HEAD" ? undefined : typeof result.body === "string" ? Buffer.from(result.body) : result.body;
  const headers: string[] = [...fixedHeaders];
  // API answers load and frame nothing; the bank's sign-in and consent pages bring their own policy.
  if (!result.headers.has("content-security-policy")) headers.push("Content-Security-Policy", API_POLICY);
  result.headers.forEach((value, name) => {
    if (name !== "content-length") headers.push(name, value);
  });
  if (method !== "HEAD") headers.push("content-length", String(body?.length ?? 0));
  response.writeHead(result.status, headers);
  response.end(body);
}

/** Serves the surfaces; `serve` returns false for a request that is none of theirs. */
export function createFastPath(surfaces: Surface[]) {
  return function serve(request: IncomingMessage, response: ServerResponse): boolean {
    const path = resolveTarget(request.url);
    const surface = path === null ? undefined : surfaces.find((candidate) => path.startsWith(candidate.prefix));
    if (!surface || path === null) return false;
    surface.run(nodeCall(request, path, surface.maxBodyBytes)).then(
      (result) => send(response, result, request.method),
      (error: unknown) => {
        // Pipelines answer their own failures; reaching here means the response could not be written.
        console.error(`[gateway] could not answer ${request.method} ${path.split("?")[0]}: ${(error as Error)?.message ?? String(error)}`);
        if (!response.headersSent) response.writeHead(500, [...fixedHeaders, "Content-Security-Policy", API_POLICY]);
        response.end();
      },
    );
    return true;
  };
}

export type FastPath = ReturnType<typeof createFastPath>;
