import type { GatewayLogEntry } from "../gateway/pipeline";
import { maskBody, maskHeaders, maskPath } from "./mask";
import type { RequestLogEntry } from "./request-log-writer";

/**
 * A gateway call as the request log keeps it until it is masked and written: plain data only
 * (header pairs, bytes, a Date), so it can be posted to the log writer's thread as it is and the
 * response's `Headers` can change after the call without changing what was logged.
 */
export type RawLogEntry = Omit<GatewayLogEntry, "exchange"> & {
  exchange?: {
    requestHeaders: [string, string][];
    requestBody: Uint8Array | undefined;
    responseHeaders: [string, string][];
    responseBody: Uint8Array | string | null;
  };
};

/** The one step on the request thread: the header pairs copied, the bodies referenced. Nothing is masked here. */
export function snapshotLogEntry(entry: GatewayLogEntry): RawLogEntry {
  const { exchange, ...call } = entry;
  if (!exchange) return call;
  return {
    ...call,
    exchange: {
      requestHeaders: [...exchange.requestHeaders],
      requestBody: exchange.requestBody,
      responseHeaders: [...exchange.responseHeaders],
      responseBody: exchange.responseBody,
    },
  };
}

function header(pairs: [string, string][], name: string): string | null {
  for (const [key, value] of pairs) if (key === name) return value;
  return null;
}

/** The row to store for a gateway call: everything that could hold a secret is masked here. */
export function toLogRow(entry: RawLogEntry): RequestLogEntry {
  const { exchange } = entry;
  const row: RequestLogEntry = {
    id: entry.requestId,
    appId: entry.appId,
    apiKeyId: entry.keyId,
    keyPrefix: entry.keyPrefix,
    method: entry.method,
    path: maskPath(entry.path),
    status: entry.status,
    latencyMs: entry.latencyMs,
    createdAt: entry.at,
  };
  if (!exchange) return row;
  return {
    ...row,
    requestHeaders: maskHeaders(exchange.requestHeaders),
    requestBody: maskBody(exchange.requestBody, header(exchange.requestHeaders, "content-type")),
    responseHeaders: maskHeaders(exchange.responseHeaders),
    responseBody: maskBody(exchange.responseBody, header(exchange.responseHeaders, "content-type")),
  };
}
