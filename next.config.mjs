// One list for every response: the custom server's /v1 fast path (server.ts) sends it too.
import securityHeaders from "./lib/http/security-headers.json" with { type: "json" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources (packages/contracts, packages/database).
  transpilePackages: ["@openbank/contracts", "@openbank/database"],
  // The gateway answers /v1/* itself; no trailing-slash redirects on API paths.
  skipTrailingSlashRedirect: true,
  async redirects() {
    // The webhooks guide moved into the MDX guides (content/guides/webhooks.mdx).
    return [{ source: "/docs/webhooks", destination: "/docs/guides/webhooks", permanent: true }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders,
      },
    ];
  },
};

export default nextConfig;
