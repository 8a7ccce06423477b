import type { IncomingMessage } from "node:http";
import { BlockList, isIP, isIPv4 } from "node:net";

/**
 * Which client address to believe. A forwarding header (`X-Forwarded-For`) is whatever the
 * client wrote, except for the hops that a proxy we run appended: so it is read only when the
 * socket's peer is one of the configured proxies (TRUSTED_PROXIES), from the right, hop by hop,
 * for as long as each hop is itself a trusted proxy. The first untrusted address is the client.
 * With no proxies configured (the default) the socket's address is the client, whatever the headers say.
 */

/** The internal request header that carries the resolved address from server.ts to the app (lib/auth/client-ip.ts). */
export const CLIENT_IP_HEADER = "x-openbank-client-ip";

/** The parsed TRUSTED_PROXIES setting: a membership test, and the entries as written (for messages). */
export type TrustedProxies = { readonly entries: readonly string[]; has(address: string): boolean };

export const NO_TRUSTED_PROXIES: TrustedProxies = { entries: [], has: () => false };

/** Named groups TRUSTED_PROXIES accepts besides addresses and CIDR ranges. */
const GROUPS: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
};

/**
 * "::ffff:203.0.113.7" (and its hex spelling "::ffff:cb00:7107") → "203.0.113.7": a dual-stack
 * socket reports IPv4 peers that way, and a proxy list names them as IPv4. Other addresses as given,
 * lower-cased; `null` when the text is not an IP address.
 */
export function normaliseAddress(text: string): string | null {
  const address = text.trim().toLowerCase();
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  let canonical: string;
  try {
    // The URL parser writes IPv6 one way (compressed, lower case, embedded IPv4 in hex), so every spelling of an address is one key.
    canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null; // e.g. a zone id ("fe80::1%eth0"): not a client address we can use
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * Parses TRUSTED_PROXIES: a comma-separated list of addresses ("10.0.0.5", "::1"), CIDR ranges
 * ("10.0.0.0/8", "fd00::/8") and `loopback`. Empty: none. Throws with the entry that is wrong.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const entries = (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return NO_TRUSTED_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    for (const range of GROUPS[entry.toLowerCase()] ?? [entry]) addRange(list, range, entry);
  }
  return {
    entries,
    has(address) {
      const normal = normaliseAddress(address);
      if (normal === null) return false;
      return list.check(normal, isIPv4(normal) ? "ipv4" : "ipv6");
    },
  };
}

function addRange(list: BlockList, range: string, entry: string): void {
  const [text, bits, ...extra] = range.split("/");
  const address = normaliseAddress(text);
  const invalid = () =>
    new Error(`"${entry}" is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or "loopback" (separate entries with commas)`);
  if (address === null || extra.length > 0) throw invalid();
  const type = isIPv4(address) ? "ipv4" : "ipv6";
  if (bits === undefined) return list.addAddress(address, type);
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  // A mapped IPv4 range ("::ffff:10.0.0.0/104") counts its prefix over 128 bits.
  const width = type === "ipv4" && !isIPv4(text.trim()) ? prefix - 96 : prefix;
  if (!(width >= 0 && width <= (type === "ipv4" ? 32 : 128))) throw invalid();
  list.addSubnet(address, width, type);
}

/**
 * The client's address for one request: the socket's peer, or, when that peer is a trusted
 * proxy, the nearest address in `X-Forwarded-For` (read right to left) that is not one.
 * "unknown" when the socket has no address (already closed).
 */
export function resolveClientAddress(
  request: { socketAddress: string | undefined; forwardedFor: string | string[] | undefined },
  trusted: TrustedProxies,
): string {
  const peer = request.socketAddress === undefined ? null : normaliseAddress(request.socketAddress);
  if (peer === null) return "unknown";
  if (!trusted.has(peer)) return peer;
  const header = Array.isArray(request.forwardedFor) ? request.forwardedFor.join(",") : (request.forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    // A trusted proxy wrote this hop: a value that is no address means a misconfigured proxy; keep the last address we can vouch for.
    if (hop === null) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}

/**
 * Resolves the request's client address and writes it to the internal header, after removing
 * any copy the client sent. server.ts calls it for every request, before the gateway's fast path
 * and Next.js see it, so everything downstream reads the one trusted value (clientIp()).
 */
export function stampClientAddress(request: IncomingMessage, trusted: TrustedProxies): string {
  delete request.headers[CLIENT_IP_HEADER];
  const forwardedFor = request.headers["x-forwarded-for"];
  // Without a forwarding header the client is the socket's peer (trusted proxy or not), and a
  // kept-alive socket's peer never changes: normalised once per socket, not per request.
  const socket = request.socket;
  let address = forwardedFor === undefined ? peerOf.get(socket) : undefined;
  if (address === undefined) {
    address = resolveClientAddress({ socketAddress: socket.remoteAddress, forwardedFor }, trusted);
    if (forwardedFor === undefined && address !== "unknown") peerOf.set(socket, address);
  }
  request.headers[CLIENT_IP_HEADER] = address;
  return address;
}

/** Each socket's client address when its requests carry no forwarding header (stampClientAddress). */
const peerOf = new WeakMap<object, string>();

/**
 * The network an address belongs to, for limits that an attacker with many addresses of one
 * allocation should share: IPv4 /24, IPv6 /48 (one site's allocation). Anything else as given.
 */
export function networkOf(address: string): string {
  const normal = normaliseAddress(address);
  if (normal === null) return address;
  if (isIPv4(normal)) return `${normal.split(".").slice(0, 3).join(".")}.0/24`;
  return `${expandIPv6(normal).slice(0, 3).join(":")}::/48`;
}

/** "2001:db8::1" → ["2001", "db8", "0", "0", "0", "0", "0", "1"] (no embedded IPv4: normaliseAddress took those). */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((group) => (parseInt(group, 16) || 0).toString(16));
}
