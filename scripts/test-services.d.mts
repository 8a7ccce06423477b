/** Types for test-services.mjs (plain ESM so Playwright's webServer can run it with node). */
export type Services = {
  portalUrl: string;
  /** Every portal instance (portalInstances), the first being portalUrl. */
  portalUrls: string[];
  bankUrl: string;
  /** Where the suite's SMTP sink writes what it receives (read it with tests/support/mailbox.ts). */
  mailDir: string;
  env: Record<string, string | undefined>;
  provider: "sqlite" | "postgresql";
  stop(): Promise<void>;
  /** The mock bank's process: kill (default SIGKILL, whole process group, waits until the port is free) and start again. */
  bank: { kill(signal?: NodeJS.Signals): Promise<void>; restart(): Promise<void> };
  /** The OpenID provider the portal's single sign-on points at (scripts/test-oidc-provider.mjs). */
  oidc: { issuer: string; addAccount(account: OidcTestAccount): void };
};

/** An account of the test OpenID provider: the claims its ID token and userinfo carry. */
export type OidcTestAccount = { sub: string; email?: string; email_verified?: boolean; name?: string };

export function startServices(options?: {
  portalPort?: number;
  bankPort?: number;
  /** The test OpenID provider's port; 0 (default) for any free one. */
  oidcPort?: number;
  name?: string;
  env?: Record<string, string>;
  quiet?: boolean;
  portalInstances?: number;
}): Promise<Services>;
