import { randomBytes } from "node:crypto";

/**
 * The device grant (RFC 8628) as the CLI speaks it: form bodies, no cookie, no Origin. For the
 * suites that walk `openbank login` without the CLI (integration, secrets at rest).
 */
export const CLI_CLIENT_ID = "openbank-cli";
export const DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by the tests' assertions
export type FormAnswer = { status: number; body: any; response: Response };

export async function postForm(
  portalUrl: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<FormAnswer> {
  const response = await fetch(`${portalUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.clone().text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, response };
}

/** A unique host name: the test finds its own authorization's row by it. */
export const deviceName = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

export function startDevice(portalUrl: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return postForm(
    portalUrl,
    "/api/device/code",
    { client_id: CLI_CLIENT_ID, scope: "write", device_name: deviceName("host"), ...fields },
    headers,
  );
}

export function pollDevice(portalUrl: string, deviceCode: string, fields: Record<string, string> = {}) {
  return postForm(portalUrl, "/api/device/token", {
    grant_type: DEVICE_GRANT_TYPE,
    device_code: deviceCode,
    client_id: CLI_CLIENT_ID,
    ...fields,
  });
}

/** Waits out the polling interval (the suites run with DEVICE_POLL_INTERVAL_SECONDS=1), so the next poll is not `slow_down`. */
export const waitInterval = (seconds = 1) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 150));
