import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the hop the nearest proxy appended", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, then to a constant", () => {
    expect(clientIp({ "x-real-ip": " 198.51.100.2 " })).toBe("198.51.100.2");
    expect(clientIp({ "x-forwarded-for": " , " })).toBe("unknown");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
