import { env } from "@/lib/env";
import type { MailMessage, MailTransport } from "./mail-transport";
import { outboxTransport } from "./outbox-transport";

/**
 * Whether the dev outbox is on: always outside production, and in production only when
 * DEV_OUTBOX=true (the test suites, which run the production build).
 */
export function devOutboxEnabled(): boolean {
  const config = env();
  return config.NODE_ENV !== "production" || config.DEV_OUTBOX;
}

/** The configured transport. Only the outbox exists today; an SMTP transport would be chosen here. */
export function mailTransport(): MailTransport | null {
  return devOutboxEnabled() ? outboxTransport : null;
}

/** Sends one message; false when no transport is configured (the caller shows the link instead). */
export async function sendMail(message: MailMessage): Promise<boolean> {
  const transport = mailTransport();
  if (!transport) {
    console.warn(`[mail] no transport configured; not sent: "${message.subject}"`);
    return false;
  }
  await transport.send(message);
  return true;
}
