import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORTAL_PORT ?? 3200);
const baseURL = `http://localhost:${port}`;
// The test OpenID provider the portal's single sign-on points at (e2e/sso-helpers.ts reads the same).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 540);

// Real Chromium from Debian (npx playwright install cannot download browsers here),
// against the production build and the real mock bank on fresh databases.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/test-services.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    // test-services.mjs starts the portal and bank in their own process groups; SIGTERM lets it
    // stop them. The default (SIGKILL) orphans them, and Playwright then waits on their stdout forever.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: { E2E_PORTAL_PORT: String(port), E2E_BANK_PORT: String(port + 1010), E2E_OIDC_PORT: String(oidcPort) },
  },
});
