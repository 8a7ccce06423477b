import { isIP } from "node:net";

/** Where the SMTP transport connects, as SMTP_URL says. */
export type SmtpSettings = {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte (port 465). smtp://: plain, upgraded by STARTTLS when the server offers it. */
  secure: boolean;
  /** smtp:// with credentials to a host other than this machine: refuse to send them unless STARTTLS succeeds. */
  requireTLS: boolean;
  auth?: { user: string; pass: string };
};

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || (isIP(host) === 4 && host.startsWith("127."));
}

/**
 * Parses `smtp://user:pass@host:587` or `smtps://user:pass@host:465` (user and password
 * percent-encoded). Default ports: 587 (smtp, STARTTLS) and 465 (smtps). Throws an Error whose
 * message says what to fix; it never repeats the URL (it may carry a password).
 */
export function parseSmtpUrl(value: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("must be a URL like smtp://user:password@mail.example.com:587 or smtps://…:465");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("must start with smtp:// or smtps://");
  if (!url.hostname) throw new Error("needs a host name, e.g. smtp://mail.example.com");
  if (url.pathname && url.pathname !== "/") throw new Error("takes no path: smtp://user:password@host:port");
  if (url.search) throw new Error("takes no query parameters: smtp://user:password@host:port");
  const secure = url.protocol === "smtps:";
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } catch {
    throw new Error("has a user name or password that is not valid percent-encoding");
  }
  if (pass && !user) throw new Error("has a password without a user name");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port,
    secure,
    requireTLS: !secure && Boolean(user) && !isLoopback(url.hostname),
    ...(user ? { auth: { user, pass } } : {}),
  };
}

/** `Name <address>` or a bare address; what nodemailer accepts as `from`. */
const MAILBOX = /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

export function isMailbox(value: string): boolean {
  return MAILBOX.test(value.trim());
}

/** The sender when MAIL_FROM is unset: no-reply at the portal's own host name. */
export function defaultMailFrom(portalUrl: string): string {
  return `Open Bank Developer Portal <no-reply@${new URL(portalUrl).hostname}>`;
}
