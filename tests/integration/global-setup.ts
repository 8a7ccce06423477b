import type { TestProject } from "vitest/node";
import { startServices } from "../../scripts/test-services.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
    bankUrl: string;
    provider: string;
    /** The portal's database, for tests that must inspect stored rows (log masking). */
    portalDatabaseUrl: string;
    /** The bank's database, for the ledger invariants at the end of a money flow. */
    bankDatabaseUrl: string;
    /** The SMTP sink's folder: the suite's mailbox (tests/support/mailbox.ts). */
    mailDir: string;
    rateLimit: { limit: number; windowSeconds: number };
    /** The test OpenID provider the portal's single sign-on points at. */
    oidcUrl: string;
  }
}

export const RATE_LIMIT = { limit: 60, windowSeconds: 60 };

/** One portal (production build) + mock bank on fresh databases for the whole suite. */
export default async function setup(project: TestProject) {
  const services = await startServices({
    // Overridable so two checkouts on one machine can run the suite at once.
    portalPort: Number(process.env.INTEGRATION_PORTAL_PORT ?? 3100),
    bankPort: Number(process.env.INTEGRATION_BANK_PORT ?? 4110),
    name: "integration",
    env: {
      RATE_LIMIT_REQUESTS: String(RATE_LIMIT.limit),
      RATE_LIMIT_WINDOW_SECONDS: String(RATE_LIMIT.windowSeconds),
    },
  });
  console.log(`integration services: ${services.portalUrl} on ${services.provider}`);
  project.provide("portalUrl", services.portalUrl);
  project.provide("bankUrl", services.bankUrl);
  project.provide("provider", services.provider);
  project.provide("portalDatabaseUrl", services.env.DATABASE_URL!);
  project.provide("bankDatabaseUrl", services.env.BANK_DATABASE_URL!);
  project.provide("mailDir", services.mailDir);
  project.provide("rateLimit", RATE_LIMIT);
  project.provide("oidcUrl", services.oidc.issuer);
  return () => services.stop();
}
