import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nginxBinary, startNginx } from "../../scripts/nginx.mjs";

// nginx as `npm run start:cluster` runs it (scripts/nginx.mjs), in front of two throwaway
// upstreams: round-robin, streamed bodies, X-Forwarded-For, failover when one dies (no error
// reaches the client), the active health check taking it out, and a problem+json 503 when none is left.
const installed = nginxBinary() !== null;
if (!installed) {
  const message = "nginx is not installed (apt-get install nginx-light): the start:cluster balancer is not tested";
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`!! SKIPPED: ${message}`);
}

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
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  closers.push(() => (server.listening ? stop() : undefined));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop };
}

/** A free port for nginx to listen on. */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!installed)("the start:cluster balancer (nginx)", () => {
  it("balances round-robin, streams bodies, fails over, takes a dead instance out and answers 503 problem+json when none is left", async () => {
    const a = await upstream("a");
    const b = await upstream("b");
    const dir = mkdtempSync(path.join(tmpdir(), "openbank-nginx-"));
    const port = await freePort();
    const logs: string[] = [];
    const nginx = startNginx({
      dir,
      balancers: [{ name: "portals", port, upstreams: [a.url, b.url], healthPath: "/api/health" }],
      docsBaseUrl: "http://portal.test",
      healthIntervalMs: 200,
      log: (line: string) => logs.push(line),
    });
    closers.unshift(async () => {
      await nginx.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    await nginx.ready;
    const base = `http://127.0.0.1:${port}`;
    const get = async (route: string, init?: RequestInit) => (await fetch(base + route, init)).json();

    const names = [];
    for (let i = 0; i < 4; i++) names.push((await get("/x")).name);
    expect(names.sort()).toEqual(["a", "a", "b", "b"]);
    const posted = await get("/upload", { method: "POST", body: "x".repeat(300_000) });
    expect(posted).toMatchObject({ method: "POST", bytes: 300_000, xff: "127.0.0.1" });

    // b dies: reads keep working (nginx retries them on a), and the active check takes b out.
    await b.stop();
    const afterB = [];
    for (let i = 0; i < 4; i++) afterB.push((await get("/y")).name);
    expect(afterB).toEqual(["a", "a", "a", "a"]);
    await until(() => nginx.healthy().length === 1);
    expect(nginx.healthy()).toEqual([a.url]);
    expect(logs.some((line) => line.includes(`${b.url} out of rotation`))).toBe(true);

    await a.stop();
    const none = await fetch(`${base}/z`);
    expect(none.status).toBe(503);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("retry-after")).toBe("1");
    expect(await none.json()).toMatchObject({
      status: 503,
      code: "service_unavailable",
      type: "http://portal.test/docs/errors#service_unavailable",
    });
  });
});
