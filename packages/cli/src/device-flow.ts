import { hostname } from "node:os";
import { request } from "./api.js";
import type { Context } from "./context.js";
import { CliError, EXIT } from "./errors.js";

/** The CLI's client id at the portal's device grant (RFC 8628). */
export const CLIENT_ID = "openbank-cli";
const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
const SLOW_DOWN_STEP_SECONDS = 5;

export type DeviceAuthorization = {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval?: number;
};

export type DeviceToken = {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  token_id: string;
  team_id: string | null;
};

type OAuthErrorBody = { error?: string; error_description?: string; interval?: number };

async function postForm(context: Context, path: string, fields: Record<string, string>) {
  const response = await request(context, "POST", path, {
    auth: "none",
    allowError: true,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CliError(`The portal answered ${response.status} with something that is not JSON.`, EXIT.failed);
  }
  return { status: response.status, body, requestId: response.headers.get("x-request-id") };
}

/** RFC 8628 §3.1: asks the portal for a device code and a user code. */
export async function requestDeviceAuthorization(context: Context, scope: "read" | "write"): Promise<DeviceAuthorization> {
  const { status, body, requestId } = await postForm(context, "/api/device/code", {
    client_id: CLIENT_ID,
    scope,
    device_name: hostname(),
  });
  if (status === 200) return body as DeviceAuthorization;
  const oauth = body as OAuthErrorBody;
  if (oauth.error) throw new CliError(`Could not start the sign-in: ${oauth.error_description ?? oauth.error}`, EXIT.failed);
  throw CliError.fromProblem(status, body, requestId);
}

export type PollHooks = {
  sleep?: (ms: number) => Promise<void>;
  /** Called when the portal asks to slow down, with the new interval in seconds. */
  onSlowDown?: (interval: number) => void;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * RFC 8628 §3.4–3.5: polls the token endpoint every `interval` seconds (5 if the portal gave
 * none) until the developer decides; `slow_down` raises the interval for every later poll (to the
 * portal's `interval` if it sends one, else by 5 s); `authorization_pending` goes on; anything
 * else ends the sign-in with the reason.
 */
export async function pollForToken(context: Context, authorization: DeviceAuthorization, hooks: PollHooks = {}): Promise<DeviceToken> {
  const sleep = hooks.sleep ?? wait;
  let interval = authorization.interval ?? 5;
  for (;;) {
    await sleep(interval * 1000);
    const { status, body, requestId } = await postForm(context, "/api/device/token", {
      grant_type: GRANT_TYPE,
      device_code: authorization.device_code,
      client_id: CLIENT_ID,
    });
    if (status === 200) return body as DeviceToken;
    const oauth = body as OAuthErrorBody;
    switch (oauth.error) {
      case "authorization_pending":
        continue;
      case "slow_down":
        interval = Math.max(interval + SLOW_DOWN_STEP_SECONDS, oauth.interval ?? 0);
        hooks.onSlowDown?.(interval);
        continue;
      case "access_denied":
        throw new CliError("The sign-in was denied in the browser.", EXIT.unauthenticated);
      case "expired_token":
        throw new CliError("The code expired before it was confirmed: run `openbank login` again.", EXIT.unauthenticated);
      case undefined:
        throw CliError.fromProblem(status, body, requestId);
      default:
        throw new CliError(`The sign-in failed: ${oauth.error_description ?? oauth.error}`, EXIT.failed);
    }
  }
}
