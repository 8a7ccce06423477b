import type { TimelineKey } from "./timeline-item";

/** An opaque cursor: an item's time (ms) and id, so paging is exact across sources. */
export function encodeTimelineCursor(key: TimelineKey): string {
  return Buffer.from(`${key.at}|${key.id}`).toString("base64url");
}

export function decodeTimelineCursor(value: string): TimelineKey | null {
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(\d{1,15})\|([A-Za-z0-9_:-]{1,100})$/.exec(decoded);
  if (!match) return null;
  const at = Number(match[1]);
  return Number.isSafeInteger(at) ? { at, id: match[2] } : null;
}
