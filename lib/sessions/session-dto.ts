import type { PortalSession } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { describeDevice } from "./describe-device";

/** One signed-in browser, as the sessions page shows it. Never the cookie. */
export const sessionDto = z.object({
  id: resourceId,
  /** Whether this is the session making the request. */
  current: z.boolean(),
  device: text(100).describe('"Chrome on macOS", from the User-Agent.'),
  user_agent: text(400),
  ip_prefix: text(64).describe("The client's network, not its address: an IPv4 /24 or an IPv6 /48."),
  method: text(32).describe(
    "How it signed in: `password`, `password+totp`, `password+recovery_code`, `password+passkey`, `passkey` or `sso`.",
  ),
  created_at: timestamp,
  last_seen_at: timestamp,
  expires_at: timestamp,
});

export type SessionDto = z.output<typeof sessionDto>;

export function toSessionDto(row: PortalSession, currentId: string): SessionDto {
  return {
    id: row.id,
    current: row.id === currentId,
    device: describeDevice(row.userAgent),
    user_agent: row.userAgent,
    ip_prefix: row.ipPrefix,
    method: row.method,
    created_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}
