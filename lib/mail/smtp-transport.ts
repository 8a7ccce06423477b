import nodemailer from "nodemailer";
import type { MailMessage, MailTransport } from "./mail-transport";
import type { SmtpSettings } from "./smtp-url";

/**
 * Sends through an SMTP server (SMTP_URL) with nodemailer. One connection per message: the
 * portal sends a handful of mails an hour, not a stream. Nodemailer's own logging stays off
 * (it would print message bodies, and the links in them are secrets).
 */
export function createSmtpTransport(settings: SmtpSettings, options: { from: string; timeoutMs?: number }): MailTransport {
  const timeout = options.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    auth: settings.auth,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
    // Messages are built from our own strings; never let a value make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    name: "smtp",
    async send(message: MailMessage) {
      await transporter.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
