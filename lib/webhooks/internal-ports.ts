import { BlockList, isIP } from "node:net";
import { unmapIpv4 } from "@openbank/contracts/address-policy";
import type { Env } from "../env";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

function urlPort(url: URL): number {
  return Number(url.port || (url.protocol === "https:" ? 443 : 80));
}

/**
 * Ports on this machine that never receive a webhook, even with WEBHOOKS_ALLOW_LOOPBACK on: the
 * bank's internal port (BANK_URL: it trusts the portal's internal secret, and a delivery's answer
 * is stored and shown) and the portal's own (PORT and PORTAL_URL's). Other loopback ports stay
 * open to local receivers.
 */
export function internalPorts(env: Pick<Env, "BANK_URL" | "PORTAL_URL" | "PORT">): number[] {
  return [...new Set([urlPort(new URL(env.BANK_URL)), env.PORT, urlPort(new URL(env.PORTAL_URL))])];
}

/** Why a connection to `address`:`port` is refused, or null: a loopback address on an internal port. */
export function internalTargetReason(address: string, port: number, internal: readonly number[]): string | null {
  const ip = unmapIpv4(address.replace(/^\[|\]$/g, "").split("%")[0]);
  const family = isIP(ip);
  if (family === 0 || !loopback.check(ip, family === 4 ? "ipv4" : "ipv6")) return null;
  if (!internal.includes(port)) return null;
  return `${address}:${port} is the bank's or the portal's own port on this machine (never a webhook target)`;
}
