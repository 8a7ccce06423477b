import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@openbank/contracts/errors";
import securityHeaders from "../http/security-headers.json";
import type { GatewayCall, HeaderMap } from "./call";
import type { GatewayResult } from "./pipeline";

/**
 * The gateway's fast path in the custom server (server.ts): Node's request and response
 * straight into the same pipeline the Web handler runs (lib/gateway/pipeline.ts), without
 * Next.js routing or Web Request/Response objects on the way in and out.
 */

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
 * The gateway's part of a request target: `/v1/…` after dot segments and percent-encoded dots
 * are resolved as a URL parser would, or null. Checking the resolved path matters: the bank
 * call carries the internal secret, so `/v1/../internal/…` must never leave /v1.
 */
export function gatewayPath(target: string | undefined): string | null {
  if (!target || !target.startsWith("/v1/")) return null;
  // Plain targets (the common case) need no parsing.
  if (!/[%\\]|\/\.|\/\//.test(target)) return target;
  let url: URL;
  try {
    url = new URL(target, "http://gateway.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://gateway.invalid" || !url.pathname.startsWith("/v1/")) return null;
  return url.pathname + url.search;
}

function nodeCall(request: IncomingMessage, path: string): GatewayCall {
  // As Next.js does: the peer's address when no proxy in front said otherwise (rate-limit
  // and last-used bookkeeping read it; the log masks it).
  if (request.headers["x-forwarded-for"] === undefined && request.socket.remoteAddress) {
    request.headers["x-forwarded-for"] = request.socket.remoteAddress;
  }
  return {
    method: request.method ?? "GET",
    path,
    headers: new NodeHeaders(request.headers),
    readBody: (maxBytes) => readNodeBody(request, maxBytes),
  };
}

/** The body, refused above `maxBytes` (declared or streamed); undefined for GET/HEAD or empty. */
function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<ArrayBuffer | undefined> {
  if (request.method === "GET" || request.method === "HEAD") return Promise.resolve(undefined);
  const tooLarge = () => new AppError("payload_too_large", `Request bodies are limited to ${maxBytes / 1024} KiB.`);
  if (Number(request.headers["content-length"] ?? 0) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off("data", onData);
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("error", reject);
    request.once("end", () => {
      if (size > maxBytes) return;
      if (size === 0) return resolve(undefined);
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    });
  });
}

const fixedHeaders: string[] = securityHeaders.flatMap(({ key, value }) => [key, value]);

function send(response: ServerResponse, result: GatewayResult, method: string | undefined): void {
  const body = result.body === null ? undefined : typeof result.body === "string" ? Buffer.from(result.body) : Buffer.from(result.body);
  const headers: string[] = [...fixedHeaders];
  result.headers.forEach((value, name) => headers.push(name, value));
  if (method !== "HEAD") headers.push("content-length", String(body?.length ?? 0));
  response.writeHead(result.status, headers);
  response.end(body);
}

/**
 * Serves one /v1 request with `run` (the pipeline from createGatewayCore). Returns false when
 * the target is not the gateway's, so the caller hands the request to Next.js.
 */
export function serveGateway(run: (call: GatewayCall) => Promise<GatewayResult>, request: IncomingMessage, response: ServerResponse): boolean {
  const path = gatewayPath(request.url);
  if (path === null) return false;
  run(nodeCall(request, path)).then(
    (result) => send(response, result, request.method),
    (error: unknown) => {
      // The pipeline answers its own failures; reaching here means the response could not be written.
      console.error(`[gateway] could not answer ${request.method} ${path}: ${(error as Error)?.message ?? String(error)}`);
      if (!response.headersSent) response.writeHead(500, fixedHeaders);
      response.end();
    },
  );
  return true;
}
