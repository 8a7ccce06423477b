/**
 * The portal's server: Next.js behind a fast path for the public API.
 *
 *   /v1/*        → the gateway pipeline on Node's request/response (lib/gateway/node-gateway.ts):
 *                  no Next.js routing or Web Request/Response objects, which alone capped the
 *                  gateway near 1,000 req/s (docs/benchmarks.md)
 *   everything else → Next.js's own handler (the documented custom server)
 *
 * Usage: tsx server.ts [--dev] [-p PORT]   (npm run dev / npm start run it; see scripts/run.mjs)
 */
import { createServer } from "node:http";
import next from "next";
import { loadEnvConfig } from "@next/env";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const portFlag = args.indexOf("-p");
const port = Number(portFlag >= 0 ? args[portFlag + 1] : (process.env.PORT ?? 3000));
// As `next start` / `next dev` do; Next.js reads it while loading.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

// webpack, not Turbopack: Turbopack drops swagger-client's apidom registrations (Try-it-out breaks).
const app = next({ dev, port, webpack: dev || undefined });
const handle = app.getRequestHandler();

async function main() {
  // The .env files first, as Next.js loads them: the modules below read the environment when
  // they load (the database client, on globalThis, is shared with Next.js's own bundles).
  loadEnvConfig(process.cwd(), dev);
  const { gateway } = await import("./lib/gateway/gateway");
  const { serveGateway } = await import("./lib/gateway/node-gateway");
  const { keyUses } = await import("./lib/keys/record-key-use");
  const { requestLogs } = await import("./lib/request-logs/request-log-writer");
  await app.prepare();
  const server = createServer((request, response) => {
    // gateway() is built on the first call, after Next.js has loaded .env files into process.env.
    if (serveGateway(gateway(), request, response)) return;
    void handle(request, response);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  server.listen(port, () => console.log(`▲ portal ready on http://localhost:${port}${dev ? " (dev)" : ""}`));

  // Stop taking requests, write the request logs and last-used times still queued, then exit.
  const shutdown = () => {
    server.close();
    void Promise.allSettled([requestLogs.flush(), keyUses.flush(), app.close()]).finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
