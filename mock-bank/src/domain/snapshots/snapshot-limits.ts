/** Per-app bounds on snapshots (BANK_SNAPSHOT_LIMIT, BANK_SNAPSHOT_MAX_BYTES in mock-bank/src/env.ts). */
export type SnapshotLimits = { maxCount: number; maxBytes: number };

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxCount: 10, maxBytes: 3 * 1024 * 1024 };

/** Bytes as the limits' errors say them: "3.2 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
