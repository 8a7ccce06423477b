import type { TestProject } from "vitest/node";
import { startServices } from "../../scripts/test-services.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
    bankUrl: string;
    provider: string;
    portalDatabaseUrl: string;
    /** The SMTP sink's folder: the suite's mailbox (tests/support/mailbox.ts). */
    mailDir: string;
    /** The bank's database (the same as the portal's on PostgreSQL), for the secrets-at-rest dump. */
    bankDatabaseUrl: string;
    /** The secret portal and bank share, which the bank's keys derive from: secrets-at-rest looks for both. */
    internalSecret: string;
  }
}

/**
 * One portal (production build) + mock bank on fresh databases for the fuzzing, isolation and
 * secrets files. The crash test starts its own pair (it kills the bank). Rate limits are out of
 * the way: the fuzzer sends thousands of calls with one key (rate limiting has its own test).
 */
export default async function setup(project: TestProject) {
  const services = await startServices({
    portalPort: Number(process.env.RELIABILITY_PORTAL_PORT ?? 3300),
    bankPort: Number(process.env.RELIABILITY_BANK_PORT ?? 4310),
    name: "reliability",
    env: { RATE_LIMIT_REQUESTS: "1000000", RATE_LIMIT_WINDOW_SECONDS: "60" },
  });
  console.log(`reliability services: ${services.portalUrl} on ${services.provider}`);
  project.provide("portalUrl", services.portalUrl);
  project.provide("bankUrl", services.bankUrl);
  project.provide("provider", services.provider);
  project.provide("portalDatabaseUrl", services.env.DATABASE_URL!);
  project.provide("mailDir", services.mailDir);
  project.provide("bankDatabaseUrl", services.env.BANK_DATABASE_URL!);
  project.provide("internalSecret", services.env.BANK_INTERNAL_SECRET!);
  return () => services.stop();
}
