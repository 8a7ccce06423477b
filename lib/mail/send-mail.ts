import { env } from "@/lib/env";
import type { MailMessage, MailTransport } from "./mail-transport";
import { outboxTransport } from "./outbox-transport";
import { createSmtpTransport } from "./smtp-transport";

/**
 * Whether the dev outbox is on: always outside production, and in production only when
 * DEV_OUTBOX=true (the test suites, which run the production build).
 */
export function devOutboxEnabled(): boolean {
  const config = env();
  return config.NODE_ENV !== "production" || config.DEV_OUTBOX;
}

/** One SMTP transport per process (the custom server and Next's bundles share it, as they share the portal). */
const slot = globalThis as unknown as { openbankSmtp?: MailTransport };

/** The configured transport: SMTP when SMTP_URL is set, else the dev outbox where it is on, else none. */
export function mailTransport(): MailTransport | null {
  const config = env();
  if (config.SMTP_URL) return (slot.openbankSmtp ??= createSmtpTransport(config.SMTP_URL, { from: config.MAIL_FROM }));
  return devOutboxEnabled() ? outboxTransport : null;
}

/** Why a send failed, in words that are safe to log: never the message, never the address. */
function failureReason(error: unknown): string {
  const { code, responseCode, command } = error as { code?: string; responseCode?: number; command?: string };
  const parts = [code, responseCode && `SMTP ${responseCode}`, command && `after ${command}`].filter(Boolean);
  return parts.length ? parts.join(", ") : "unknown error";
}

/**
 * Sends one message; false when it did not leave (no transport configured, or the server refused
 * or could not be reached). Callers go on without it: the developer can ask for the mail again.
 * Logs name the subject only: bodies carry one-time links, which are secrets.
 */
export async function sendMail(message: MailMessage): Promise<boolean> {
  const transport = mailTransport();
  if (!transport) {
    console.warn(`[mail] no transport configured; not sent: "${message.subject}"`);
    return false;
  }
  try {
    await transport.send(message);
    return true;
  } catch (error) {
    console.error(`[mail] ${transport.name}: "${message.subject}" was not sent (${failureReason(error)})`);
    return false;
  }
}
