import { CLIENT_IP_HEADER } from "./trusted-proxies";

type HeaderReader = { get(name: string): string | null };
type HeaderSource = HeaderReader | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === "function") return (headers as HeaderReader).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address, as server.ts resolved it from the socket and the trusted proxies
 * (lib/auth/trusted-proxies.ts) and wrote to an internal header after removing any copy the
 * client sent. Nothing else is read: `X-Forwarded-For` is the client's to write unless a
 * configured proxy wrote it, and only the resolver knows which hops those are. "unknown" when
 * the request did not pass server.ts (it always does in the running portal).
 */
export function clientIp(headers: HeaderSource): string {
  return header(headers, CLIENT_IP_HEADER)?.trim() || "unknown";
}
