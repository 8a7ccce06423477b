import { db } from "../db";
import { env } from "../env";
import { newId } from "../ids";
import { hashApiKey } from "../keys/api-key";
import { clientCache } from "./client-cache";
import { generateClientSecret, secretDisplayPrefix } from "./client-secret";
import { oauthClientSelect, toOAuthClientDto, type OAuthClientDto } from "./oauth-client-dto";

/**
 * Generates the app's client secret, replacing any previous one at once (the old secret
 * stops working immediately, as a leaked secret must). Returned exactly once, here.
 */
export async function rotateClientSecret(options: { appId: string }): Promise<{ client: OAuthClientDto; client_secret: string }> {
  const secret = generateClientSecret();
  const data = { secretHash: hashApiKey(secret, env().API_KEY_PEPPER), secretPrefix: secretDisplayPrefix(secret), secretCreatedAt: new Date() };
  const row = await db.oAuthClient.upsert({
    where: { appId: options.appId },
    create: { appId: options.appId, clientId: newId("oauthClient"), ...data },
    update: data,
    select: oauthClientSelect,
  });
  clientCache.clear();
  return { client: toOAuthClientDto(row), client_secret: secret };
}
