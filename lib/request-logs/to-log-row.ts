import type { GatewayLogEntry } from "../gateway/pipeline";
import { maskBody, maskHeaders, maskPath } from "./mask";
import type { RequestLogEntry } from "./request-log-writer";

/** The row to store for a gateway call: everything that could hold a secret is masked here. */
export function toLogRow(entry: GatewayLogEntry): RequestLogEntry {
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
    requestBody: maskBody(exchange.requestBody, exchange.requestHeaders.get("content-type")),
    responseHeaders: maskHeaders(exchange.responseHeaders),
    responseBody: maskBody(exchange.responseBody, exchange.responseHeaders.get("content-type")),
  };
}
