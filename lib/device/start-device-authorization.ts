import { z } from "zod";
import { newId } from "@openbank/contracts/ids";
import { db } from "../db";
import { env } from "../env";
import { portalUrl } from "../http/portal-url";
import type { TokenScope } from "../tokens/personal-access-token";
import { generateDeviceCode, generateUserCode, hashDeviceCode, hashUserCode, normaliseUserCode } from "./device-codes";
import { oauthError, type OAuthAnswer } from "../portal-api/handle-oauth-form";

/** The one client of the device grant: the openbank CLI (a public client, RFC 8628 §3.1). */
export const CLI_CLIENT_ID = "openbank-cli";
export const CLI_CLIENT_NAME = "openbank CLI";
/** How long a code can be confirmed (RFC 8628 §3.2 `expires_in`): long enough to sign in and step up. */
export const DEVICE_CODE_TTL_SECONDS = 15 * 60;
/** Rows are kept a little past their expiry (the CLI's last poll says expired_token), then pruned. */
const KEEP_EXPIRED_MS = 60 * 60 * 1000;
/** The confirm page (RFC 8628 §3.2 `verification_uri`). */
export const VERIFICATION_PATH = "/device";

export const deviceCodeRequest = z.object({
  client_id: z.string().max(100).optional().describe(`The client: \`${CLI_CLIENT_ID}\`.`),
  scope: z
    .string()
    .max(100)
    .optional()
    .describe("Space-separated: `read` or `write` (the personal access token's scope). Default: `read`."),
  device_name: z
    .string()
    .max(200)
    .optional()
    .describe("The computer asking, as the confirm page shows it (the CLI sends its host name). An extension of RFC 8628."),
});

export const deviceCodeResponse = z.object({
  device_code: z.string().max(64).describe("The CLI polls the token endpoint with it. Never shown to the developer."),
  user_code: z.string().max(16).describe("What the developer confirms on the verification page: `BDFH-JKLM`."),
  verification_uri: z.string().max(2048),
  verification_uri_complete: z.string().max(2048).describe("The verification page with the user code filled in."),
  expires_in: z.number().int().min(1).max(3600),
  interval: z.number().int().min(1).max(60).describe("Seconds to wait between polls."),
});

/** `write` if any requested scope is write; null when a value is neither read nor write (invalid_scope). */
export function parseRequestedScope(scope: string | undefined): TokenScope | null {
  const values = (scope ?? "").split(" ").filter(Boolean);
  if (values.length === 0) return "read";
  if (values.some((value) => value !== "read" && value !== "write")) return null;
  return values.includes("write") ? "write" : "read";
}

/** A host name for display: printable, trimmed, at most 64 characters; null when nothing is left. */
export function cleanDeviceName(name: string | undefined): string | null {
  const printable = (name ?? "").replace(/[^\x20-\x7E]/g, "").trim();
  return printable ? printable.slice(0, 64) : null;
}

/**
 * RFC 8628 §3.1–3.2: a device authorization for the CLI. Both codes are returned here only; the
 * row keeps their HMACs, what the CLI said about itself, and the polling interval.
 */
export async function startDeviceAuthorization(options: {
  input: z.output<typeof deviceCodeRequest>;
  clientIp: string;
  userAgent: string | null;
  now?: Date;
}): Promise<OAuthAnswer<z.input<typeof deviceCodeResponse>>> {
  const { input } = options;
  const now = options.now ?? new Date();
  if (!input.client_id) return oauthError("invalid_request", "client_id is required (the openbank CLI's is openbank-cli).");
  if (input.client_id !== CLI_CLIENT_ID) return oauthError("invalid_client", `Unknown client_id: only ${CLI_CLIENT_ID} may sign in here.`);
  const scope = parseRequestedScope(input.scope);
  if (!scope) return oauthError("invalid_scope", "scope must be read or write.");

  const pepper = env().API_KEY_PEPPER;
  const interval = env().DEVICE_POLL_INTERVAL_SECONDS;
  await db().deviceAuthorization.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_EXPIRED_MS) } } });
  const deviceCode = generateDeviceCode();
  // A user code already live is astronomically unlikely (20^8 codes); the unique index would refuse it, so try another.
  for (let attempt = 0; ; attempt++) {
    const userCode = generateUserCode();
    try {
      await db().deviceAuthorization.create({
        data: {
          id: newId("deviceAuthorization"),
          deviceCodeHash: hashDeviceCode(deviceCode, pepper),
          userCodeHash: hashUserCode(normaliseUserCode(userCode)!, pepper),
          clientId: CLI_CLIENT_ID,
          requestedScope: scope,
          clientHost: cleanDeviceName(input.device_name),
          clientIp: options.clientIp,
          userAgent: options.userAgent?.slice(0, 200) ?? null,
          interval,
          expiresAt: new Date(now.getTime() + DEVICE_CODE_TTL_SECONDS * 1000),
          createdAt: now,
        },
      });
    } catch (error) {
      if (attempt < 2 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
    const verificationUri = `${portalUrl().replace(/\/+$/, "")}${VERIFICATION_PATH}`;
    return {
      ok: true,
      body: {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?${new URLSearchParams({ user_code: userCode })}`,
        expires_in: DEVICE_CODE_TTL_SECONDS,
        interval,
      },
    };
  }
}
