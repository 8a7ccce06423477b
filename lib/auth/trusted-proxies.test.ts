import { Agent, createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  networkOf,
  normaliseAddress,
  parseTrustedProxies,
  resolveClientAddress,
  stampClientAddress,
  type TrustedProxies,
} from "./trusted-proxies";

const resolve = (socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies) =>
  resolveClientAddress({ socketAddress, forwardedFor }, trusted);

describe("normaliseAddress", () => {
  it("writes IPv4-mapped IPv6 as IPv4, in every spelling", () => {
    expect(normaliseAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normaliseAddress("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(normaliseAddress("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("writes IPv6 one way, and refuses what is not an address", () => {
    expect(normaliseAddress("2001:DB8:0:0::1")).toBe("2001:db8::1");
    expect(normaliseAddress(" 10.0.0.1 ")).toBe("10.0.0.1");
    for (const bad of ["", "unknown", "10.0.0.256", "10.0.0.1:443", "fe80::1%eth0", "[::1]"]) expect(normaliseAddress(bad), bad).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("is off when empty: nobody is trusted", () => {
    for (const text of [undefined, "", " , "]) expect(parseTrustedProxies(text).has("127.0.0.1")).toBe(false);
  });

  it("matches single addresses, IPv4 and IPv6 CIDR ranges, and loopback, including IPv4-mapped peers", () => {
    const trusted = parseTrustedProxies("10.1.2.3, 172.16.0.0/12, fd00::/8, loopback");
    expect(trusted.entries).toEqual(["10.1.2.3", "172.16.0.0/12", "fd00::/8", "loopback"]);
    for (const yes of [
      "10.1.2.3",
      "::ffff:10.1.2.3",
      "172.31.255.254",
      "::ffff:172.16.0.1",
      "fd12:3456::1",
      "127.0.0.1",
      "127.9.9.9",
      "::1",
      "::ffff:127.0.0.1",
    ]) {
      expect(trusted.has(yes), yes).toBe(true);
    }
    for (const no of ["10.1.2.4", "172.32.0.1", "fe80::1", "2001:db8::1", "8.8.8.8", "::ffff:8.8.8.8", "unknown"]) {
      expect(trusted.has(no), no).toBe(false);
    }
  });

  it("names the entry that is wrong", () => {
    for (const bad of ["10.0.0.0/33", "fd00::/129", "nginx", "10.0.0.1/8/2", "10.0.0.0/x", "1.2.3"]) {
      expect(() => parseTrustedProxies(`127.0.0.1,${bad}`), bad).toThrow(
        new RegExp(`"${bad.replace(/[./]/g, "\\$&")}" is not an IP address`),
      );
    }
  });
});

describe("resolveClientAddress", () => {
  const none = parseTrustedProxies("");
  const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8:proxy::/48".replace("proxy", "ff"));

  it("with no trusted proxies, is the socket's address whatever the headers say", () => {
    expect(resolve("198.51.100.9", "203.0.113.1", none)).toBe("198.51.100.9");
    expect(resolve("::ffff:198.51.100.9", ["203.0.113.1", "203.0.113.2"], none)).toBe("198.51.100.9");
    expect(resolve("127.0.0.1", "6.6.6.6", none)).toBe("127.0.0.1");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolve("198.51.100.9", "203.0.113.1", proxies)).toBe("198.51.100.9");
  });

  it("from a trusted proxy, takes the nearest hop that is not a trusted proxy, reading right to left", () => {
    // The client spoofed 6.6.6.6; the edge proxy appended the real peer 203.0.113.5; an inner proxy appended the edge.
    expect(resolve("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1", proxies)).toBe("203.0.113.5");
    expect(resolve("::ffff:10.0.0.2", "6.6.6.6, ::ffff:203.0.113.5", proxies)).toBe("203.0.113.5");
    expect(resolve("2001:db8:ff::1", "2001:DB8:1::7", proxies)).toBe("2001:db8:1::7");
    expect(resolve("10.0.0.2", ["6.6.6.6", "203.0.113.5"], proxies)).toBe("203.0.113.5");
  });

  it("falls back to the last address it can vouch for when the chain runs out or a proxy wrote garbage", () => {
    expect(resolve("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
    expect(resolve("10.0.0.2", "10.0.0.9, 10.0.0.1", proxies)).toBe("10.0.0.9");
    expect(resolve("10.0.0.2", "203.0.113.5, nonsense", proxies)).toBe("10.0.0.2");
    expect(resolve("10.0.0.2", "nonsense, 10.0.0.7", proxies)).toBe("10.0.0.7");
  });

  it("is unknown without a socket address", () => {
    expect(resolve(undefined, "203.0.113.1", proxies)).toBe("unknown");
  });
});

describe("stampClientAddress", () => {
  /** One real request over a socket from 127.0.0.1; the server stamps it as server.ts does. */
  async function stampedOnServer(trusted: TrustedProxies, headers: Record<string, string>) {
    let seen: IncomingMessage["headers"] = {};
    const server = createServer((request, response) => {
      stampClientAddress(request, trusted);
      seen = request.headers;
      response.end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((done, fail) =>
      httpRequest({ host: "127.0.0.1", port, headers }, (response) => response.resume().on("end", done))
        .on("error", fail)
        .end(),
    );
    server.close();
    return seen;
  }

  it("drops the client's own copy of the internal header and writes the socket's address", async () => {
    const seen = await stampedOnServer(parseTrustedProxies(""), { [CLIENT_IP_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" });
    expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.1");
  });

  it("believes X-Forwarded-For when the socket's peer is a trusted proxy (loopback)", async () => {
    const seen = await stampedOnServer(parseTrustedProxies("loopback"), {
      [CLIENT_IP_HEADER]: "6.6.6.6",
      "x-forwarded-for": "7.7.7.7, 203.0.113.5",
    });
    expect(seen[CLIENT_IP_HEADER]).toBe("203.0.113.5");
  });
});

describe("stampClientAddress on a kept-alive socket", () => {
  it("reads each request's own forwarding header, though the socket's peer is remembered between requests", async () => {
    const trusted = parseTrustedProxies("loopback");
    const seen: (string | string[] | undefined)[] = [];
    const sockets = new Set<unknown>();
    const server = createServer((request, response) => {
      stampClientAddress(request, trusted);
      seen.push(request.headers[CLIENT_IP_HEADER]);
      sockets.add(request.socket);
      response.end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (headers: Record<string, string>) =>
      new Promise<void>((done, fail) =>
        httpRequest({ host: "127.0.0.1", port, headers, agent }, (response) => response.resume().on("end", done))
          .on("error", fail)
          .end(),
      );
    for (const headers of [{}, { "x-forwarded-for": "203.0.113.5" }, { [CLIENT_IP_HEADER]: "6.6.6.6" }, {}])
      await send(headers as Record<string, string>);
    agent.destroy();
    server.close();
    expect(sockets.size).toBe(1);
    expect(seen).toEqual(["127.0.0.1", "203.0.113.5", "127.0.0.1", "127.0.0.1"]);
  });
});

describe("networkOf", () => {
  it("groups IPv4 by /24 and IPv6 by /48, mapped IPv4 as IPv4", () => {
    expect(networkOf("203.0.113.77")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:203.0.113.77")).toBe("203.0.113.0/24");
    expect(networkOf("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(networkOf("2001:DB8:ABCD:0012:0:0:0:2")).toBe("2001:db8:abcd::/48");
    expect(networkOf("::1")).toBe("0:0:0::/48");
    expect(networkOf("unknown")).toBe("unknown");
  });
});

describe("the TRUSTED_PROXIES setting (lib/env.ts)", () => {
  const SECRETS = { NEXTAUTH_SECRET: "n".repeat(32), API_KEY_PEPPER: "p".repeat(32), BANK_INTERNAL_SECRET: "b".repeat(32) };

  it("is off by default, parsed when set, and stops the start with the bad entry named", async () => {
    const { parsePortalEnv } = await import("../env");
    expect(parsePortalEnv(SECRETS).TRUSTED_PROXIES.has("127.0.0.1")).toBe(false);
    expect(parsePortalEnv({ ...SECRETS, TRUSTED_PROXIES: "loopback" }).TRUSTED_PROXIES.has("::1")).toBe(true);
    expect(() => parsePortalEnv({ ...SECRETS, TRUSTED_PROXIES: "10.0.0.0/8,nginx" })).toThrow(
      /  - TRUSTED_PROXIES: "nginx" is not an IP address, a CIDR range/,
    );
  });

  it("sets the per-account sign-in ceiling to five times the per-address one unless given", async () => {
    const { parsePortalEnv } = await import("../env");
    expect(parsePortalEnv({ ...SECRETS, SIGN_IN_MAX_ATTEMPTS: "4" }).SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT).toBe(20);
    expect(parsePortalEnv({ ...SECRETS, SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: "50" }).SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT).toBe(50);
  });
});
