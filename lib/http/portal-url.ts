import { env } from "@/lib/env";

const FALLBACK_PORTAL_URL = "http://localhost:3000";

/**
 * The portal's public base URL. Error responses need it for their `type` links even when the
 * environment is broken, so this never throws (the broken env still fails the request that
 * needs it, loudly, through `env()`).
 */
export function portalUrl(): string {
  try {
    return env().PORTAL_URL;
  } catch {
    return process.env.PORTAL_URL ?? FALLBACK_PORTAL_URL;
  }
}

/** `https://developers.example.com/anything` → `https://developers.example.com`. */
export function portalOrigin(): string {
  return new URL(portalUrl()).origin;
}
