/** What the docs sidebar knows of each app (from GET /api/apps). */
export type AppChoice = { id: string; name: string; requests_24h: number; created_at: string };

/**
 * The app whose onboarding the sidebar shows: the one the reader picked last (if it is still
 * theirs), else the most active one in the last 24 hours, else the newest.
 */
export function pickApp(apps: AppChoice[], storedId: string | null): AppChoice | null {
  const stored = storedId ? apps.find((app) => app.id === storedId) : undefined;
  if (stored) return stored;
  return [...apps].sort((a, b) => b.requests_24h - a.requests_24h || b.created_at.localeCompare(a.created_at))[0] ?? null;
}
