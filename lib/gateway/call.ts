import { readBody } from "./forward";

/** Read access to request or response headers (lower-case names); Web `Headers` is one. */
export type HeaderMap = { get(name: string): string | null } & Iterable<[string, string]>;

/**
 * One call as the pipeline sees it, whatever server received it: the Web `Request` of a
 * route handler or test (`fromWebRequest`), or Node's IncomingMessage in the custom server's
 * fast path (lib/gateway/node-gateway.ts), which skips building Web objects.
 */
export type GatewayCall = {
  method: string;
  /** Path and query as received, e.g. "/v1/accounts?limit=1". */
  path: string;
  headers: HeaderMap;
  /** The request body (undefined for GET/HEAD or empty); read once, refused above `maxBytes`. */
  readBody(maxBytes: number): Promise<ArrayBuffer | undefined>;
};

export function fromWebRequest(request: Request): GatewayCall {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname + url.search,
    headers: request.headers,
    readBody: (maxBytes) => readBody(request, maxBytes),
  };
}
