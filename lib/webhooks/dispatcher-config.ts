import type { PrismaClient } from "@prisma/client";
import { databaseProvider, DEFAULT_PORTAL_DATABASE_URL } from "@openbank/database/database-url";
import { env } from "../env";
import type { AttemptConfig } from "./attempt-delivery";
import { createBankOutbox } from "./bank-outbox";
import type { DispatcherOptions } from "./dispatcher";
import { sendWebhook } from "./send-webhook";

/** How this portal signs and sends: the env's schedule, timeout, loopback policy and pepper. */
export function attemptConfig(db: PrismaClient): AttemptConfig {
  const config = env();
  return {
    db,
    pepper: config.API_KEY_PEPPER,
    schedule: config.WEBHOOK_RETRY_SCHEDULE,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    allowLoopback: config.WEBHOOKS_ALLOW_LOOPBACK,
    send: sendWebhook,
  };
}

export function bankOutbox() {
  const config = env();
  return createBankOutbox({ baseUrl: config.BANK_URL, internalSecret: config.BANK_INTERNAL_SECRET });
}

export function dispatcherOptions(db: PrismaClient, log: (line: string) => void): DispatcherOptions {
  const config = env();
  return {
    ...attemptConfig(db),
    provider: databaseProvider(process.env.DATABASE_URL ?? DEFAULT_PORTAL_DATABASE_URL),
    outbox: bankOutbox(),
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    log,
  };
}
