#!/usr/bin/env node
// A tiny HTTP load balancer for running several portal (or mock bank) instances behind one
// port on one machine. Round-robin over healthy upstreams, keep-alive connections to them,
// bodies streamed both ways (never buffered), health-aware:
//   - active: GET <health path> on every upstream each second; 2 failures → out, 1 success → back in;
//   - passive: a refused connection takes the upstream out at once and the request goes to the
//     next one (safe: the body is only streamed once the connection is up, so nothing was sent);
//     a GET/HEAD/OPTIONS whose kept-alive connection dies before an answer is retried likewise.
// Usage:
//   node scripts/balancer.mjs --port 3000 --health /api/health http://127.0.0.1:3001 http://127.0.0.1:3002
// As a module: `startBalancer({ port, upstreams, healthPath })` → { server, close() }.
// nginx does the same job in production; see docs/scale-out.md for a sample config.
import http from "node:http";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"]);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function forwardHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  const peer = req.socket.remoteAddress ?? "";
  headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${peer}` : peer;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-host"] ??= req.headers.host ?? "";
  return headers;
}

export function startBalancer({ port, host = "0.0.0.0", upstreams, healthPath = "/api/health", healthIntervalMs = 1_000, log = console.log }) {
  if (!upstreams.length) throw new Error("balancer: give at least one upstream URL");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  const pool = upstreams.map((raw) => {
    const url = new URL(raw);
    return { url, host: url.hostname, port: Number(url.port || 80), healthy: true, failures: 0 };
  });
  let next = 0;

  function pick(exclude) {
    for (let i = 0; i < pool.length; i++) {
      const candidate = pool[(next + i) % pool.length];
      if (candidate.healthy && !exclude.has(candidate)) {
        next = (next + i + 1) % pool.length;
        return candidate;
      }
    }
    return null;
  }

  function markDown(upstream, why) {
    if (!upstream.healthy) return;
    upstream.healthy = false;
    log(`balancer: ${upstream.url.origin} out of rotation (${why})`);
  }

  function proxy(req, res, tried = new Set()) {
    const upstream = pick(tried);
    if (!upstream) {
      if (!res.headersSent) res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" }).end("No healthy upstream\n");
      return;
    }
    tried.add(upstream);
    const proxyReq = http.request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: forwardHeaders(req), agent });
    let connected = false;
    proxyReq.on("socket", (socket) => {
      const start = () => {
        connected = true;
        req.pipe(proxyReq);
      };
      if (socket.connecting) socket.once("connect", start);
      else start();
    });
    proxyReq.on("response", (upstreamRes) => {
      const headers = {};
      for (const [name, value] of Object.entries(upstreamRes.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, headers);
      upstreamRes.pipe(res);
      upstreamRes.on("error", () => res.destroy());
    });
    let responded = false;
    proxyReq.on("response", () => (responded = true));
    proxyReq.on("error", (error) => {
      if (!connected && (error.code === "ECONNREFUSED" || error.code === "ECONNRESET")) {
        // Nothing of the request was sent: take the upstream out and try the next one.
        markDown(upstream, error.code);
        return proxy(req, res, tried);
      }
      // A kept-alive connection the upstream closed (it restarted or went down) before answering:
      // a request without a body that only reads is safe to send to the next upstream.
      if (!responded && !res.headersSent && SAFE_METHODS.has(req.method) && req.readableEnded) return proxy(req, res, tried);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("Bad gateway\n");
      else res.destroy();
    });
    res.on("close", () => {
      if (!res.writableFinished) proxyReq.destroy();
    });
  }

  const server = http.createServer((req, res) => proxy(req, res));
  server.keepAliveTimeout = 65_000;

  const timer = setInterval(() => {
    for (const upstream of pool) {
      const check = http.get({ host: upstream.host, port: upstream.port, path: healthPath, agent, timeout: healthIntervalMs }, (res) => {
        res.resume();
        if (res.statusCode && res.statusCode < 500) {
          upstream.failures = 0;
          if (!upstream.healthy) log(`balancer: ${upstream.url.origin} back in rotation`);
          upstream.healthy = true;
        } else if (++upstream.failures >= 2) markDown(upstream, `health ${res.statusCode}`);
      });
      check.on("timeout", () => check.destroy(new Error("timeout")));
      check.on("error", (error) => {
        if (++upstream.failures >= 2) markDown(upstream, `health ${error.code ?? error.message}`);
      });
    }
  }, healthIntervalMs);
  timer.unref();

  const listening = new Promise((resolve) => server.listen(port, host, resolve));
  return {
    server,
    listening,
    healthy: () => pool.filter((upstream) => upstream.healthy).map((upstream) => upstream.url.origin),
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let port = Number(process.env.BALANCER_PORT ?? 3000);
  let healthPath = "/api/health";
  const upstreams = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--port") port = Number(args[++i]);
    else if (args[i] === "--health") healthPath = args[++i];
    else upstreams.push(args[i]);
  }
  const balancer = startBalancer({ port, upstreams, healthPath });
  await balancer.listening;
  console.log(`balancer on :${port} → ${upstreams.join(", ")} (health ${healthPath})`);
  const stop = () => balancer.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
