import { describe, expect, it } from "vitest";
import { ipPrefix } from "./ip-prefix";

describe("ipPrefix", () => {
  it("keeps an IPv4 address's /24", () => {
    expect(ipPrefix("203.0.113.77")).toBe("203.0.113.0/24");
    expect(ipPrefix("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
  });

  it("keeps an IPv6 address's /48, expanding ::", () => {
    expect(ipPrefix("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(ipPrefix("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(ipPrefix("::1")).toBe("0:0:0::/48");
  });

  it("passes through what is not an address", () => {
    expect(ipPrefix("unknown")).toBe("unknown");
    expect(ipPrefix("")).toBe("unknown");
  });
});
