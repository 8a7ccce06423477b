import type { UsableKey } from "../keys/list-usable-keys";
import type { DocsChoice } from "./docs-choice";

/** Where Try-it-out's key came from, for the page to explain it and the browser to keep it. */
export type DocsKeySource = "came-from" | "chosen" | "default";

export type DocsKeyPick =
  | { kind: "key"; key: UsableKey; source: DocsKeySource }
  /** A key pasted in the browser: only the tab that holds it can use it; other tabs use `fallback`. */
  | { kind: "pasted"; prefix: string; fallback: UsableKey | null }
  | { kind: "none"; reason: "no-keys" | "signed-out-of-try-it" };

/**
 * Which key Try-it-out calls with, decided before the page renders:
 *  1. the app the developer came from ("Try it in the API docs" on an app page, a replayed log):
 *     the key it names, else their chosen key if it is one of that app's, else the app's newest;
 *  2. else their explicit choice (a key, a pasted key, or none), if still valid: a revoked or
 *     expired key, or one of a team they left, is no longer in `keys` and is dropped;
 *  3. else the newest key of their most recently used app (never used: the newest app).
 *
 * `keys` are in listUsableKeys' order: newest app first, newest key first within an app.
 * `lastUsedByApp` has, per app, the latest use of any of its keys (ISO 8601, UTC).
 */
export function pickDocsKey(options: {
  keys: UsableKey[];
  lastUsedByApp: Record<string, string>;
  cameFrom?: { appId: string; keyId?: string } | null;
  choice: DocsChoice | null;
}): DocsKeyPick {
  const { keys, lastUsedByApp, cameFrom, choice } = options;
  const chosen = choice?.kind === "key" ? keys.find((key) => key.id === choice.keyId) : undefined;

  if (cameFrom) {
    const ofApp = keys.filter((key) => key.app_id === cameFrom.appId);
    const named = cameFrom.keyId ? ofApp.find((key) => key.id === cameFrom.keyId) : undefined;
    const key = named ?? (chosen?.app_id === cameFrom.appId ? chosen : undefined) ?? ofApp[0];
    if (key) return { kind: "key", key, source: "came-from" };
  }
  if (chosen) return { kind: "key", key: chosen, source: "chosen" };
  if (choice?.kind === "none") return { kind: "none", reason: "signed-out-of-try-it" };

  const fallback = mostRecentlyUsed(keys, lastUsedByApp);
  if (choice?.kind === "pasted") return { kind: "pasted", prefix: choice.prefix, fallback };
  return fallback ? { kind: "key", key: fallback, source: "default" } : { kind: "none", reason: "no-keys" };
}

/** The first key (its app's newest) of the app used last; on a tie (never used), the newest app's. */
function mostRecentlyUsed(keys: UsableKey[], lastUsedByApp: Record<string, string>): UsableKey | null {
  let best: UsableKey | null = null;
  let bestUsed = "";
  for (const key of keys) {
    const used = lastUsedByApp[key.app_id] ?? "";
    if (!best || used > bestUsed) {
      best = key;
      bestUsed = used;
    }
  }
  return best;
}
