import { db } from "../db";
import { env } from "../env";
import { newId } from "@openbank/contracts/ids";
import { hashApiKey } from "../keys/api-key";
import { invalidate } from "../keys/cache-invalidation";
import { generateClientSecret, secretDisplayPrefix } from "./client-secret";
import { oauthClientSelect, toOAuthClientDto, type OAuthClientDto } from "./oauth-client-dto";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Generates the app's client secret, replacing any previous one at once (the old secret
 * stops working immediately, as a leaked secret must). Returned exactly once, here.
 */
export async function rotateClientSecret(options: {
  appId: string;
  audit: AuditContext;
}): Promise<{ client: OAuthClientDto; client_secret: string }> {
  const secret = generateClientSecret();
  const data = {
    secretHash: hashApiKey(secret, env().API_KEY_PEPPER),
    secretPrefix: secretDisplayPrefix(secret),
    secretCreatedAt: new Date(),
  };
  const row = await db().$transaction(async (tx) => {
    const client = await tx.oAuthClient.upsert({
      where: { appId: options.appId },
      create: { appId: options.appId, clientId: newId("oauthClient"), ...data },
      update: data,
      select: oauthClientSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "app.client_secret_rotated",
      target: { type: "app", id: options.appId },
      metadata: { client_id: client.clientId, secret_prefix: data.secretPrefix },
    });
    return client;
  });
  await invalidate({ kind: "oauth_clients" });
  return { client: toOAuthClientDto(row), client_secret: secret };
}
