import type { PrismaClient } from "@prisma/client";
import { databaseProvider } from "@openbank/database/database-url";
import type { Env } from "../env";
import type { AttemptConfig } from "./attempt-delivery";
import { createBankOutbox } from "./bank-outbox";
import { internalPorts } from "./internal-ports";
import type { DispatcherOptions } from "./dispatcher";
import { sendWebhook } from "./send-webhook";

/** How this portal signs and sends: the settings' schedule, timeout, loopback policy and pepper. */
export function attemptConfig(env: Env, db: PrismaClient): AttemptConfig {
  return {
    db,
    pepper: env.API_KEY_PEPPER,
    schedule: env.WEBHOOK_RETRY_SCHEDULE,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK,
    internalPorts: internalPorts(env),
    send: sendWebhook,
  };
}

export function bankOutbox(env: Env) {
  return createBankOutbox({ baseUrl: env.BANK_URL, internalSecret: env.BANK_INTERNAL_SECRET });
}

export function dispatcherOptions(env: Env, db: PrismaClient, log: (line: string) => void): DispatcherOptions {
  return {
    ...attemptConfig(env, db),
    provider: databaseProvider(env.DATABASE_URL),
    outbox: bankOutbox(env),
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    log,
  };
}
