import { z } from "zod";
import { DEFAULT_PORTAL_DATABASE_URL } from "@openbank/database/database-url";
import { defaultMailFrom, isMailbox, parseSmtpUrl } from "./mail/smtp-url";
import { NO_TRUSTED_PROXIES, parseTrustedProxies, type TrustedProxies } from "./auth/trusted-proxies";
import { portal } from "./runtime";
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from "./webhooks/retry-schedule";

/**
 * Portal settings, parsed once when a process starts (server.ts, the dispatcher, scripts): a bad
 * or missing value stops it with a message naming the variable. Every variable is listed in
 * .env.example. Nothing else reads process.env.
 * Secrets have no defaults: `npm run dev` / `npm start` write random local ones to
 * .env.local on first run (scripts/run.mjs), so nothing needs configuring by hand.
 */
const secret = (name: string) =>
  z
    .string({ error: `${name} is required (run \`npm run dev\` once to generate local secrets)` })
    .min(32, `${name} must be at least 32 characters`);

const flag = z
  .enum(["true", "false", "1", "0", "on", "off"], { error: "must be true or false" })
  .transform((value) => ["true", "1", "on"].includes(value));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The portal's port (`-p` on server.ts wins). */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_PORTAL_DATABASE_URL)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), "DATABASE_URL must start with file: or postgresql://"),
  PORTAL_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: secret("NEXTAUTH_SECRET"),
  API_KEY_PEPPER: secret("API_KEY_PEPPER"),
  BANK_URL: z.url().default("http://127.0.0.1:4010"),
  BANK_INTERNAL_SECRET: secret("BANK_INTERNAL_SECRET"),
  BANK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  RATE_LIMIT_REQUESTS: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(10),
  KEY_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(30),
  /**
   * Scale-out mode: shared rate limits (one Lua script per request) and key-cache invalidation
   * over pub/sub, so several portal instances behave as one. Unset: in-memory, one instance.
   */
  REDIS_URL: z
    .string()
    .refine((url) => /^rediss?:\/\//.test(url), "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  /** Per-command timeout against Redis; past it the request falls back (see lib/redis.ts). */
  REDIS_TIMEOUT_MS: z.coerce.number().int().positive().default(250),
  REQUEST_LOG_RETENTION_DAYS: z.coerce.number().positive().default(14),
  ANALYTICS_RETENTION_DAYS: z.coerce.number().positive().default(90),
  GO_LIVE_MIN_ENDPOINTS: z.coerce.number().int().positive().default(3),
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /**
   * Sign-in attempts per account in the same window, from every address together: rotating
   * addresses cannot go on guessing. Default: five times SIGN_IN_MAX_ATTEMPTS.
   */
  SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().positive().optional(),
  /** Sign-ups an hour from one client address, and from one network (IPv4 /24, IPv6 /48). */
  SIGN_UP_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  SIGN_UP_MAX_PER_NETWORK: z.coerce.number().int().positive().default(30),
  /**
   * The proxies in front of the portal (a load balancer, nginx): only from these is
   * X-Forwarded-For believed. Comma-separated addresses, CIDR ranges and `loopback`
   * (127.0.0.0/8, ::1). Unset: none, every client's address is its socket's.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((text, ctx) => {
      try {
        return parseTrustedProxies(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  /** Let webhook endpoints on 127.0.0.0/8 and ::1 receive deliveries (local development only). */
  WEBHOOKS_ALLOW_LOOPBACK: flag.optional(),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default(DEFAULT_RETRY_SCHEDULE)
    .transform((text, ctx) => {
      try {
        return parseRetrySchedule(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().max(30_000).default(10_000),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  /**
   * The seconds `openbank login` waits between polls of the device grant (RFC 8628's `interval`;
   * 5 is the RFC's default). The test suites set 1 so a browser sign-in completes quickly.
   */
  DEVICE_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * Sends mail (verification, password reset, invitations) through this SMTP server:
   * smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465. Unset: the dev
   * outbox keeps mail locally (outside production), or mail is not sent.
   */
  SMTP_URL: z
    .string()
    .transform((url, ctx) => {
      try {
        return parseSmtpUrl(url);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `SMTP_URL ${(error as Error).message}` });
        return z.NEVER;
      }
    })
    .optional(),
  /** The sender of every mail: `Name <address>`. Default: "Open Bank Developer Portal <no-reply@PORTAL_URL's host>". */
  MAIL_FROM: z
    .string()
    .refine(isMailbox, 'MAIL_FROM must be an address or "Name <address>", e.g. "Open Bank Developers <no-reply@bank.example>"')
    .optional(),
  /** Keep sent mail at /dev/outbox even in production mode (test suites only). */
  DEV_OUTBOX: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /**
   * Single sign-on with one OpenID Connect provider (lib/sso): its issuer (discovery at
   * `<issuer>/.well-known/openid-configuration`) and this portal's client there. All three or none.
   */
  SSO_ISSUER: z.url().optional(),
  SSO_CLIENT_ID: z.string().max(500).optional(),
  SSO_CLIENT_SECRET: z.string().max(2000).optional(),
  /** The provider's name on the sign-in button: "Sign in with Acme SSO". */
  SSO_NAME: z.string().trim().min(1).max(40).default("SSO"),
});

/** Settings that only make sense together. */
const settings = schema.superRefine((parsed, ctx) => {
  const sso = ["SSO_ISSUER", "SSO_CLIENT_ID", "SSO_CLIENT_SECRET"] as const;
  const missing = sso.filter((name) => parsed[name] === undefined);
  if (missing.length > 0 && missing.length < sso.length) {
    ctx.addIssue({
      code: "custom",
      path: [missing[0]],
      message: `single sign-on needs SSO_ISSUER, SSO_CLIENT_ID and SSO_CLIENT_SECRET together (missing: ${missing.join(", ")}); set all three, or none to turn it off`,
    });
  }
});

export type Env = Omit<
  z.infer<typeof schema>,
  "WEBHOOKS_ALLOW_LOOPBACK" | "MAIL_FROM" | "TRUSTED_PROXIES" | "SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT"
> & {
  WEBHOOKS_ALLOW_LOOPBACK: boolean;
  MAIL_FROM: string;
  TRUSTED_PROXIES: TrustedProxies;
  SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: number;
};

/** A setting that stops the process at start: the message names every bad variable. */
/** Every setting's name: for the self-hosting docs (README.md, .env.example), never the partner-facing guides. */
export function portalSettingNames(): string[] {
  return Object.keys(schema.shape);
}

export class SettingsError extends Error {
  constructor(service: string, lines: string[]) {
    super(`Invalid ${service} settings:\n${lines.join("\n")}`);
    this.name = "SettingsError";
  }
}

/**
 * Parses the portal's settings from an environment object (the process's, at start-up).
 * Empty strings mean "unset" (a blank line in .env), so defaults apply.
 */
export function parsePortalEnv(source: Record<string, string | undefined>): Env {
  const input = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = settings.safeParse(input);
  if (!result.success) {
    throw new SettingsError(
      "portal",
      result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`),
    );
  }
  // Loopback receivers are for local development: on by default except in production.
  return {
    ...result.data,
    WEBHOOKS_ALLOW_LOOPBACK: result.data.WEBHOOKS_ALLOW_LOOPBACK ?? result.data.NODE_ENV !== "production",
    MAIL_FROM: result.data.MAIL_FROM?.trim() ?? defaultMailFrom(result.data.PORTAL_URL),
    TRUSTED_PROXIES: result.data.TRUSTED_PROXIES ?? NO_TRUSTED_PROXIES,
    SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: result.data.SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT ?? result.data.SIGN_IN_MAX_ATTEMPTS * 5,
  };
}

/** The settings this process started with (lib/runtime.ts). */
export function env(): Env {
  return portal().env;
}
