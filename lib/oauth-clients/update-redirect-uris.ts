import { db } from "../db";
import { clientCache } from "./client-cache";

/** Replaces the app's registered redirect URIs (validated by redirectUrisInput). */
export async function updateRedirectUris(options: { appId: string; redirectUris: string[] }): Promise<string[]> {
  const unique = [...new Set(options.redirectUris)];
  await db.app.update({ where: { id: options.appId }, data: { redirectUris: unique } });
  clientCache.clear();
  return unique;
}
