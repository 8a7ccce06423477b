/**
 * The portal's server: Next.js behind the gateway's fast path.
 *
 *   /v1/*, /open-banking/v4.0/*,     → the gateway (lib/gateway/fast-path.ts), on Node's request and
 *   /berlin-group/v1/*, /oauth/*,      response: no Next.js routing or Web Request/Response objects,
 *   /.well-known/*                     which alone capped the gateway near 1,000 req/s (docs/benchmarks.md)
 *   everything else                  → Next.js's own handler (the documented custom server)
 *
 * Every request first gets its client's address resolved (lib/auth/trusted-proxies.ts: the
 * socket's, or X-Forwarded-For's only from TRUSTED_PROXIES) into an internal header that
 * clientIp() reads; a copy sent by the client is dropped.
 *
 * It parses the settings once, before anything else, and stops with a message naming any bad
 * variable; then it builds the portal (lib/runtime.ts) that the gateway and Next.js share.
 *
 * Usage: tsx server.ts [--dev] [-p PORT]   (npm run dev / npm start run it; see scripts/run.mjs)
 */
import { createServer } from "node:http";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { stampClientAddress } from "./lib/auth/trusted-proxies";
import { parsePortalEnv, SettingsError } from "./lib/env";
import { closeUnreadUploads } from "./lib/http/close-unread-uploads";
import { transportHeaders } from "./lib/http/content-security-policy";
import { startRequestLogThread } from "./lib/request-logs/request-log-thread";
import { startPortal } from "./lib/runtime";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const portFlag = args.indexOf("-p");

async function main() {
  // As `next start` / `next dev` do: the mode first (Next.js reads it while loading), then the
  // .env files into the process's environment, which is parsed once, here.
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  loadEnvConfig(process.cwd(), dev);
  const env = parsePortalEnv(process.env);
  // next-auth v4 derives its URLs (redirects, cookie names) from NEXTAUTH_URL only.
  process.env.NEXTAUTH_URL ??= env.PORTAL_URL;
  const port = portFlag >= 0 ? Number(args[portFlag + 1]) : env.PORT;
  // The request log is masked and written on its own thread (docs/benchmarks.md).
  const portal = startPortal(env, { requestLogs: startRequestLogThread });

  // webpack, not Turbopack: Turbopack drops swagger-client's apidom registrations (Try-it-out breaks).
  const app = next({ dev, port, webpack: dev || undefined });
  const handle = app.getRequestHandler();
  await app.prepare();
  // HSTS when PORTAL_URL is https, on every answer: the gateway's and Next.js's alike.
  const transport = transportHeaders(env.PORTAL_URL);
  const server = createServer((request, response) => {
    // The one place the client's address is decided (socket + TRUSTED_PROXIES), for the gateway and Next.js alike.
    stampClientAddress(request, env.TRUSTED_PROXIES);
    closeUnreadUploads(request, response);
    for (const [name, value] of transport) response.setHeader(name, value);
    if (portal.gateway(request, response)) return;
    void handle(request, response);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  server.listen(port, () => console.log(`▲ portal ready on http://localhost:${port}${dev ? " (dev)" : ""}`));

  // Stop taking requests, write the request logs and last-used times still queued, then exit.
  const shutdown = () => {
    server.close();
    void Promise.allSettled([portal.close(), app.close()]).finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exit(1);
});
