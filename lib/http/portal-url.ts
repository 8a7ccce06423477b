import { env } from "@/lib/env";

/** The portal's public base URL (error `type` links, docs, the gateway's own links). */
export function portalUrl(): string {
  return env().PORTAL_URL;
}

/** `https://developers.example.com/anything` → `https://developers.example.com`. */
export function portalOrigin(): string {
  return new URL(portalUrl()).origin;
}
