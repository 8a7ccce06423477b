/**
 * Hands a new key's secret from the create-app form to the app page, in this tab only.
 * The secret never enters a URL or server-rendered HTML: it sits in sessionStorage for the
 * length of one client navigation and is deleted by the first read, so a reload (or the
 * back button) cannot show it again.
 */
export type PendingReveal = { secret: string; keyName: string };

const storageKey = (appId: string) => `obp.reveal.${appId}`;

export function stashReveal(appId: string, reveal: PendingReveal): void {
  try {
    sessionStorage.setItem(storageKey(appId), JSON.stringify(reveal));
  } catch {
    // Storage disabled: the app page will say the key exists but cannot be shown.
  }
}

export function takeReveal(appId: string): PendingReveal | null {
  try {
    const raw = sessionStorage.getItem(storageKey(appId));
    if (!raw) return null;
    sessionStorage.removeItem(storageKey(appId));
    const parsed = JSON.parse(raw) as PendingReveal;
    return typeof parsed.secret === "string" ? parsed : null;
  } catch {
    return null;
  }
}
