// One list for every response: the gateway's fast path (lib/gateway/fast-path.ts) sends it too.
const securityHeaders = require("./lib/http/security-headers.json");
// The portal API's Content-Security-Policy (pages get theirs, with a nonce, from proxy.ts).
const apiSecurityHeaders = require("./lib/http/api-security-headers.json");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources (packages/contracts, packages/database).
  transpilePackages: ["@openbank/contracts", "@openbank/database"],
  // The gateway answers /v1/* itself; no trailing-slash redirects on API paths.
  skipTrailingSlashRedirect: true,
  async redirects() {
    // The webhooks and consent-flow guides moved into the MDX guides (content/guides/*.mdx).
    return [
      { source: "/docs/webhooks", destination: "/docs/guides/webhooks", permanent: true },
      { source: "/docs/consent-flow", destination: "/docs/guides/consent-flow", permanent: true },
    ];
  },
  async rewrites() {
    // Browsers ask for /favicon.ico on their own (Chromium does in dev); the logo mark answers it.
    // Every guide as Markdown beside its page (app/docs/guides/[slug]/markdown/route.ts).
    return [
      { source: "/favicon.ico", destination: "/icon.svg" },
      { source: "/docs/guides/:slug([^/]+)\\.md", destination: "/docs/guides/:slug/markdown" },
    ];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders,
      },
      { source: "/api/:path*", headers: apiSecurityHeaders },
    ];
  },
};

module.exports = nextConfig;
