import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { db } from "../db";
import { env } from "../env";
import { oauthError, type OAuthAnswer } from "../portal-api/handle-oauth-form";
import { issueToken } from "../tokens/manage-tokens";
import { deviceCodeFormat, hashDeviceCode } from "./device-codes";
import { decidePoll } from "./poll-decision";
import { CLI_CLIENT_ID } from "./start-device-authorization";

export const DEVICE_CODE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
/** The CLI's token lives 90 days, as a token made on the account page may. */
export const CLI_TOKEN_EXPIRY_DAYS = 90;

export const deviceTokenRequest = z.object({
  grant_type: z.string().max(200).optional().describe(`\`${DEVICE_CODE_GRANT_TYPE}\``),
  device_code: z.string().max(200).optional().describe("The `device_code` of the device authorization response."),
  client_id: z.string().max(100).optional().describe(`\`${CLI_CLIENT_ID}\``),
});

export const deviceTokenResponse = z.object({
  access_token: z.string().max(100).describe("A personal access token (`pat_…`). Delivered once: only its HMAC is stored."),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().min(1),
  scope: z.enum(["read", "write"]),
  token_id: z.string().max(64).describe("The token's id (`tkn_…`): `openbank logout` revokes it."),
  team_id: z.string().max(64).nullable().describe("The one team the token is limited to; null: every team of the developer."),
});

type TokenAnswer = OAuthAnswer<z.input<typeof deviceTokenResponse>>;

const invalidGrant = () =>
  oauthError("invalid_grant", "The device code is unknown, was issued to another client, or was already used. Run `openbank login` again.");

/**
 * RFC 8628 §3.4–3.5: one poll of the CLI. The stored row decides (`decidePoll`); every poll is
 * recorded by a compare-and-set on `lastPolledAt`, so two polls racing with one code count as
 * polling too fast, and an approved authorization yields its token to exactly one poll.
 */
export async function pollDeviceToken(options: {
  input: z.output<typeof deviceTokenRequest>;
  clientIp: string;
  now?: Date;
}): Promise<TokenAnswer> {
  const { input } = options;
  const now = options.now ?? new Date();
  if (!input.grant_type) return oauthError("invalid_request", "grant_type is required.");
  if (input.grant_type !== DEVICE_CODE_GRANT_TYPE) {
    return oauthError("unsupported_grant_type", `Only ${DEVICE_CODE_GRANT_TYPE} is accepted here.`);
  }
  if (!input.client_id) return oauthError("invalid_request", "client_id is required.");
  if (input.client_id !== CLI_CLIENT_ID) return oauthError("invalid_client", `Unknown client_id: only ${CLI_CLIENT_ID} may sign in here.`);
  if (!input.device_code) return oauthError("invalid_request", "device_code is required.");
  if (!deviceCodeFormat.isWellFormed(input.device_code)) return invalidGrant(); // no lookup for what cannot be ours

  const row = await db().deviceAuthorization.findUnique({
    where: { deviceCodeHash: hashDeviceCode(input.device_code, env().API_KEY_PEPPER) },
    select: {
      id: true,
      clientId: true,
      status: true,
      interval: true,
      lastPolledAt: true,
      expiresAt: true,
      clientHost: true,
      userId: true,
      grantedScope: true,
      teamId: true,
      user: { select: { email: true } },
    },
  });
  if (!row || row.clientId !== input.client_id) return invalidGrant();

  const decision = decidePoll(row, now);
  const polled = { id: row.id, lastPolledAt: row.lastPolledAt };
  switch (decision.kind) {
    case "invalid_grant":
      return invalidGrant();
    case "expired_token":
      return oauthError("expired_token", "The code expired before it was confirmed. Run `openbank login` again.");
    case "slow_down":
      await db().deviceAuthorization.updateMany({ where: polled, data: { lastPolledAt: now, interval: decision.interval } });
      return oauthError("slow_down", `Polling too fast: wait ${decision.interval} seconds between requests.`, {
        interval: decision.interval,
      });
    case "authorization_pending":
    case "access_denied": {
      const counted = await db().deviceAuthorization.updateMany({ where: polled, data: { lastPolledAt: now } });
      if (counted.count === 0) return raced(row.id, row.interval, now);
      return decision.kind === "access_denied"
        ? oauthError("access_denied", "The sign-in was denied in the browser.")
        : oauthError("authorization_pending", "Waiting for the code to be confirmed in the browser.");
    }
    case "issue":
      return deliver(row, now, options.clientIp);
  }
}

/** Another poll with the same code got in first: that is polling too fast. */
async function raced(id: string, interval: number, now: Date): Promise<TokenAnswer> {
  const raised = interval + 5;
  await db().deviceAuthorization.update({ where: { id }, data: { lastPolledAt: now, interval: raised } });
  return oauthError("slow_down", `Polling too fast: wait ${raised} seconds between requests.`, { interval: raised });
}

/**
 * The approved authorization becomes a personal access token in one transaction: the row turns
 * `delivered` only if it still was `approved` (so one poll gets it), and the token is issued as the
 * developer who approved it, with what they granted. Nothing secret is stored between approval and
 * this poll: the token is made here, returned once, and only its HMAC is kept.
 */
async function deliver(
  row: {
    id: string;
    lastPolledAt: Date | null;
    clientHost: string | null;
    userId: string | null;
    grantedScope: string | null;
    teamId: string | null;
    user: { email: string } | null;
  },
  now: Date,
  clientIp: string,
): Promise<TokenAnswer> {
  if (!row.userId || !row.user) return invalidGrant();
  const { userId, user } = row;
  const scope = row.grantedScope === "write" ? "write" : "read";
  const name = `openbank CLI on ${row.clientHost ?? "an unnamed computer"}`.slice(0, 60);
  let issued;
  try {
    issued = await db().$transaction(async (tx) => {
      const claimed = await tx.deviceAuthorization.updateMany({
        where: { id: row.id, status: "approved", lastPolledAt: row.lastPolledAt },
        data: { status: "delivered", lastPolledAt: now },
      });
      if (claimed.count === 0) return null;
      const made = await issueToken(tx, {
        actor: { userId, email: user.email, ip: clientIp },
        input: { name, scope, team_id: row.teamId, expires_in_days: CLI_TOKEN_EXPIRY_DAYS },
        now,
        via: { via: "device_authorization", device_authorization_id: row.id },
      });
      await tx.deviceAuthorization.update({ where: { id: row.id }, data: { tokenId: made.token.id } });
      return made;
    });
  } catch (error) {
    // The developer left the team they chose, or holds the most working tokens one may: no token.
    if (error instanceof AppError) return oauthError("access_denied", error.message);
    throw error;
  }
  if (!issued) return invalidGrant();
  return {
    ok: true,
    body: {
      access_token: issued.secret,
      token_type: "Bearer",
      expires_in: Math.round((Date.parse(issued.token.expires_at) - now.getTime()) / 1000),
      scope: issued.token.scope,
      token_id: issued.token.id,
      team_id: issued.token.team_id,
    },
  };
}
