import { BlockList, isIP } from "node:net";

/**
 * Which resolved addresses a webhook may connect to. Everything not on the public internet is
 * refused: private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254 and
 * fd00:ec2::254), loopback, unspecified, multicast, reserved and documentation ranges, NAT64 and
 * 6to4 (which can embed any IPv4). IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4
 * it maps. Loopback is allowed only when the portal runs locally (WEBHOOKS_ALLOW_LOOPBACK).
 */
const blocked = new BlockList();
const loopback = new BlockList();

for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** "::ffff:7f00:1" or "::ffff:127.0.0.1" → "127.0.0.1"; anything else unchanged. */
export function unmapIpv4(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return address;
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export function checkAddress(address: string, options: { allowLoopback: boolean }): AddressVerdict {
  const ip = unmapIpv4(address.replace(/^\[|\]$/g, "").split("%")[0]);
  const family = isIP(ip);
  if (family === 0) return { allowed: false, reason: `${address} is not an IP address` };
  const type = family === 4 ? "ipv4" : "ipv6";
  if (loopback.check(ip, type)) {
    return options.allowLoopback
      ? { allowed: true }
      : { allowed: false, reason: `${address} is a loopback address (allowed only with WEBHOOKS_ALLOW_LOOPBACK)` };
  }
  if (blocked.check(ip, type)) return { allowed: false, reason: `${address} is a private, link-local, metadata or reserved address` };
  return { allowed: true };
}
