import type { Passkey } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";

export const passkeyDto = z.object({
  id: resourceId,
  name: text(60),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
  /** Synced across the developer's devices by a passkey provider (iCloud Keychain, Google Password Manager…), or bound to one device or security key. */
  synced: z.boolean(),
  transports: z.array(text(20)).max(10).describe("How the browser reaches it: `internal`, `hybrid`, `usb`, `nfc`, `ble`."),
});

export type PasskeyDto = z.output<typeof passkeyDto>;

export function toPasskeyDto(
  row: Pick<Passkey, "id" | "name" | "createdAt" | "lastUsedAt" | "deviceType" | "backedUp" | "transports">,
): PasskeyDto {
  let transports: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.transports);
    if (Array.isArray(parsed)) transports = parsed.filter((item): item is string => typeof item === "string").slice(0, 10);
  } catch {
    // stored by us as JSON; a bad value only loses the hint
  }
  return {
    id: row.id,
    name: row.name,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    synced: row.deviceType === "multiDevice" || row.backedUp,
    transports,
  };
}
