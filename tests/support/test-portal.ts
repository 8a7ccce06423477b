import { parsePortalEnv } from "@/lib/env";
import { startPortal, type Portal } from "@/lib/runtime";

/**
 * Starts this test process's portal (lib/runtime.ts) with test secrets, as server.ts would at
 * start-up, for unit tests of code that reads the settings. Nothing connects until used.
 */
export function startTestPortal(overrides: Record<string, string> = {}): Portal {
  return startPortal(
    parsePortalEnv({
      NODE_ENV: "test",
      PORTAL_URL: "http://localhost:3000",
      NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef",
      API_KEY_PEPPER: "test-api-key-pepper-0123456789abcdef",
      BANK_INTERNAL_SECRET: "test-internal-secret-0123456789abcdef",
      ...overrides,
    }),
  );
}
