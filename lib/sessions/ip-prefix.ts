import { isIPv4, isIPv6 } from "node:net";

/**
 * A client address cut to its network, for "approximately where" without keeping the address:
 * IPv4 to its /24, IPv6 to its /48. Anything else (a proxy's "unknown") stays as it came.
 */
export function ipPrefix(ip: string): string {
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (isIPv4(address)) return `${address.split(".").slice(0, 3).join(".")}.0/24`;
  if (isIPv6(address)) {
    const [head, tail = ""] = address.split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
    return `${groups
      .slice(0, 3)
      .map((group) => parseInt(group || "0", 16).toString(16))
      .join(":")}::/48`;
  }
  return address.slice(0, 64) || "unknown";
}
