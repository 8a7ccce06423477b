import { executeStored, storedTime } from "./stored-rows";
import { PortalClient } from "./portal-client";

/**
 * The CLI's or a CI job's view of the portal API: no cookie, `Authorization: Bearer pat_…` on
 * every call. Everything else (bodies, the OpenAPI checks of a sweep) as a browser's client.
 */
export class TokenClient extends PortalClient {
  constructor(
    baseUrl: string,
    readonly token: string,
  ) {
    super(baseUrl);
  }

  override request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return super.request(method, path, body, { authorization: `Bearer ${this.token}`, ...headers });
  }
}

/** Moves a token's expiry into the past, as time would (tokens live at least 7 days). */
export async function expireToken(databaseUrl: string, tokenId: string): Promise<void> {
  await executeStored(databaseUrl, `UPDATE "PersonalAccessToken" SET "expiresAt" = ? WHERE "id" = ?`, [
    storedTime(databaseUrl, new Date(Date.now() - 60_000)),
    tokenId,
  ]);
}
