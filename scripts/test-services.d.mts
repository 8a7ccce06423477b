/** Types for test-services.mjs (plain ESM so Playwright's webServer can run it with node). */
export type Services = {
  portalUrl: string;
  bankUrl: string;
  env: Record<string, string | undefined>;
  provider: "sqlite" | "postgresql";
  stop(): Promise<void>;
};

export function startServices(options?: { portalPort?: number; bankPort?: number; name?: string; env?: Record<string, string>; quiet?: boolean }): Promise<Services>;
