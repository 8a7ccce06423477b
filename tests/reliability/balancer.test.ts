import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startBalancer } from "../../scripts/balancer.mjs";

// scripts/balancer.mjs in front of two throwaway upstreams: round-robin, streamed bodies,
// X-Forwarded-For, failover when one dies (no error reaches the client), 503 when none is left.
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function upstream(name: string) {
  const server = http.createServer((req, res) => {
    if (req.url === "/api/health") return res.end("ok");
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => res.end(JSON.stringify({ name, method: req.method, bytes, xff: req.headers["x-forwarded-for"] })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  closers.push(() => (server.listening ? stop() : undefined));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop };
}

describe("scripts/balancer.mjs", () => {
  it("balances round-robin, streams bodies, fails over and answers 503 when no upstream is left", async () => {
    const a = await upstream("a");
    const b = await upstream("b");
    const logs: string[] = [];
    const balancer = startBalancer({ port: 0, host: "127.0.0.1", upstreams: [a.url, b.url], log: (line: string) => logs.push(line) });
    closers.unshift(() => balancer.close());
    await balancer.listening;
    const base = `http://127.0.0.1:${(balancer.server.address() as AddressInfo).port}`;
    const get = async (path: string, init?: RequestInit) => (await fetch(base + path, init)).json();

    const names = [];
    for (let i = 0; i < 4; i++) names.push((await get("/x")).name);
    expect(names).toEqual(["a", "b", "a", "b"]);
    const posted = await get("/upload", { method: "POST", body: "x".repeat(300_000) });
    expect(posted).toMatchObject({ method: "POST", bytes: 300_000, xff: "127.0.0.1" });

    await b.stop();
    const afterB = [];
    for (let i = 0; i < 4; i++) afterB.push((await get("/y")).name);
    expect(afterB).toEqual(["a", "a", "a", "a"]);
    expect(balancer.healthy()).toEqual([a.url]);
    expect(logs.some((line) => line.includes("out of rotation"))).toBe(true);

    await a.stop();
    expect((await fetch(`${base}/z`)).status).toBe(503);
  });
});
