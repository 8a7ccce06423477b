import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("reads only the address server.ts resolved (x-openbank-client-ip)", () => {
    expect(clientIp(new Headers({ "x-openbank-client-ip": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp({ "x-openbank-client-ip": "2001:db8::1" })).toBe("2001:db8::1");
  });

  it("never reads the client's forwarding headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("unknown");
    expect(clientIp({ "x-real-ip": "198.51.100.2" })).toBe("unknown");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-openbank-client-ip": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
