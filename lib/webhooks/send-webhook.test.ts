import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkAddress, unmapIpv4 } from "@openbank/contracts/address-policy";
import type { Resolver } from "@openbank/contracts/guarded-lookup";
import { sendWebhook } from "./send-webhook";

// A loopback canary: counts every request that reaches it. With local mode off, no URL form of
// loopback may ever reach it.
let canary: Server;
let port: number;
let hits = 0;
let reply: (res: import("node:http").ServerResponse) => void = (res) => res.end("ok");

beforeAll(async () => {
  canary = createServer((req, res) => {
    hits++;
    req.resume();
    reply(res);
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
  port = (canary.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => canary.close(() => resolve())));
beforeEach(() => {
  hits = 0;
  reply = (res) => res.end("ok");
});

const send = (url: string, options: { allowLoopback?: boolean; resolve?: Resolver; timeoutMs?: number } = {}) =>
  sendWebhook({
    url,
    headers: { "webhook-id": "evt_1" },
    body: "{}",
    timeoutMs: options.timeoutMs ?? 2_000,
    allowLoopback: options.allowLoopback ?? false,
    resolve: options.resolve,
  });

/** A resolver that answers with fixed addresses and remembers what it was asked: no real DNS. */
function stubResolver(addresses: string[]) {
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, asked };
}

describe("SSRF guard", () => {
  it("never reaches a loopback canary through any spelling of loopback when local mode is off", async () => {
    const variants = [
      `http://127.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      `http://0x7f000001:${port}/`,
      `http://2130706433:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://127.000.000.001:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::1]:${port}/`,
      `http://localhost:${port}/`,
      `http://LOCALHOST.:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://0:${port}/`,
    ];
    for (const url of variants) {
      const result = await send(url);
      expect(result.ok, url).toBe(false);
      expect(result.error, url).toMatch(/SSRF guard|ENOTFOUND/);
    }
    expect(hits).toBe(0);
  });

  it("refuses a public-looking name that resolves to loopback (DNS rebinding) at connect time", async () => {
    const dns = stubResolver(["127.0.0.1"]);
    const result = await send(`http://hooks.example.com:${port}/`, { resolve: dns.resolve });
    expect(result.error).toMatch(/SSRF guard: hooks.example.com resolves to 127.0.0.1 is a loopback/);
    expect(dns.asked).toEqual(["hooks.example.com"]);
    expect(hits).toBe(0);
  });

  it.each([
    ["10.0.0.7"],
    ["172.16.3.4"],
    ["192.168.1.10"],
    ["169.254.169.254"],
    ["100.64.0.1"],
    ["0.0.0.0"],
    ["224.0.0.1"],
    ["255.255.255.255"],
    ["fd00:ec2::254"],
    ["fe80::1"],
    ["fc00::1"],
    ["::"],
    ["::ffff:10.0.0.1"],
    ["::ffff:a9fe:a9fe"],
    ["64:ff9b::a9fe:a9fe"],
    ["2002:a00:1::1"],
  ])("refuses a name resolving to %s (stubbed resolver: no traffic is sent)", async (address) => {
    const dns = stubResolver([address]);
    const result = await send("http://internal.example.com/hook", { resolve: dns.resolve, allowLoopback: true });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/SSRF guard/);
  });

  it("refuses when any of several addresses is private (no picking the public one and racing)", async () => {
    const dns = stubResolver(["93.184.215.14", "10.1.2.3"]);
    expect((await send("http://mixed.example.com/", { resolve: dns.resolve })).error).toMatch(/SSRF guard/);
  });

  it("refuses private and metadata IP literals without resolving anything", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://[fd00:ec2::254]/",
      "http://192.168.0.1:8080/",
    ]) {
      expect((await send(url, { allowLoopback: true })).error, url).toMatch(/SSRF guard/);
    }
  });

  it("classifies addresses, IPv4-mapped IPv6 as the IPv4 it maps", () => {
    expect(unmapIpv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(unmapIpv4("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(checkAddress("93.184.215.14", { allowLoopback: false })).toEqual({ allowed: true });
    expect(checkAddress("2606:2800:21f:cb07:6820:80da:af6b:8b2c", { allowLoopback: false })).toEqual({ allowed: true });
    expect(checkAddress("127.0.0.1", { allowLoopback: true })).toEqual({ allowed: true });
    expect(checkAddress("::1", { allowLoopback: true })).toEqual({ allowed: true });
    expect(checkAddress("::ffff:127.0.0.1", { allowLoopback: false }).allowed).toBe(false);
    expect(checkAddress("not-an-ip", { allowLoopback: true }).allowed).toBe(false);
  });
});

describe("sendWebhook", () => {
  it("delivers to loopback in local mode: 2xx is success, with the response excerpt and latency", async () => {
    // Only performance.now is faked: the receiver "takes" 250.4 ms of it, so the latency is exact.
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      reply = (res) => {
        vi.advanceTimersByTime(250.4);
        res.writeHead(204).end();
      };
      const result = await send(`http://localhost:${port}/hook`, { allowLoopback: true });
      expect(result).toEqual({ ok: true, status: 204, responseBody: "", error: null, latencyMs: 250 });
      expect(hits).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("treats non-2xx as failure and keeps the first 2 KiB of the body", async () => {
    reply = (res) => res.writeHead(500, { "content-type": "text/plain" }).end("x".repeat(10_000));
    const result = await send(`http://127.0.0.1:${port}/`, { allowLoopback: true });
    expect(result).toMatchObject({ ok: false, status: 500 });
    expect(result.responseBody).toHaveLength(2_048);
  });

  it("never follows redirects", async () => {
    reply = (res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end();
    const result = await send(`http://127.0.0.1:${port}/`, { allowLoopback: true });
    expect(result).toMatchObject({ ok: false, status: 302, error: "redirect not followed (Location: http://169.254.169.254/)" });
    expect(hits).toBe(1);
  });

  it("gives up after the timeout", async () => {
    // The receiver holds the request while 200 ms of fake time pass: the sender's timer fires, exactly on time.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      let held: import("node:http").ServerResponse | undefined;
      reply = (res) => {
        held = res;
        vi.advanceTimersByTime(200);
      };
      const result = await send(`http://127.0.0.1:${port}/`, { allowLoopback: true, timeoutMs: 200 });
      expect(result).toEqual({ ok: false, status: null, responseBody: null, error: "timed out after 0.2 s", latencyMs: 200 });
      held!.end("late");
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports a refused connection and an unsupported scheme", async () => {
    const closed = await send("http://127.0.0.1:1/", { allowLoopback: true });
    expect(closed.error).toMatch(/ECONNREFUSED/);
    expect((await send("ftp://example.com/")).error).toBe("unsupported scheme ftp:");
  });
});
