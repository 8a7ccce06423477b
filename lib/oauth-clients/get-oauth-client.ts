import { db } from "../db";
import { newId } from "@openbank/contracts/ids";
import { oauthClientSelect, toOAuthClientDto, type OAuthClientDto } from "./oauth-client-dto";

/**
 * The app's OAuth client, created on first sight: every app has exactly one client id.
 * The caller has already checked access to the app.
 */
export async function getOAuthClient(options: { appId: string }): Promise<OAuthClientDto> {
  const row = await db().oAuthClient.upsert({
    where: { appId: options.appId },
    create: { appId: options.appId, clientId: newId("oauthClient") },
    update: {},
    select: oauthClientSelect,
  });
  return toOAuthClientDto(row);
}
