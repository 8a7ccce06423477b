import { defineOperation } from "@/lib/portal-api/define-operation";
import { approveDeviceInput, deviceAuthorizationDto, userCodeInput } from "./confirm-device-authorization";
import { deviceTokenRequest, deviceTokenResponse, DEVICE_CODE_GRANT_TYPE } from "./poll-device-token";
import { CLI_CLIENT_ID, deviceCodeRequest, deviceCodeResponse } from "./start-device-authorization";

/**
 * `openbank login`: the OAuth 2.0 device authorization grant (RFC 8628) for the portal's own CLI.
 * The two endpoints the CLI calls are an RFC surface (form bodies, RFC 6749 §5.2 errors); the
 * three the confirm page (/device) calls are ordinary session operations. The portal's `/oauth/*`
 * is the bank's authorization server for third-party apps, so this grant lives under `/api/device`.
 */
export const deviceCodeOperation = defineOperation({
  method: "POST",
  path: "/api/device/code",
  operationId: "requestDeviceCode",
  tag: "CLI sign-in",
  summary: "Start a device authorization (RFC 8628)",
  description:
    `The device authorization endpoint (RFC 8628 §3.1): \`client_id=${CLI_CLIENT_ID}\`, \`scope\` read or write. Answers the ` +
    "codes: the CLI shows `user_code` and `verification_uri` (or opens `verification_uri_complete`), and polls the token " +
    "endpoint with `device_code` every `interval` seconds until the developer approves or denies it there, or it expires. " +
    "For programs: a request from a web page on another origin is refused (403).",
  access: "public",
  body: deviceCodeRequest,
  oauthErrors: ["invalid_request", "invalid_client", "invalid_scope"],
  errors: ["rate_limited"],
  success: { status: 200, description: "The device authorization (RFC 8628 §3.2).", schema: deviceCodeResponse },
});

export const deviceTokenOperation = defineOperation({
  method: "POST",
  path: "/api/device/token",
  operationId: "requestDeviceToken",
  tag: "CLI sign-in",
  summary: "Poll for the CLI's token (RFC 8628)",
  description:
    `The token endpoint of the device grant (RFC 8628 §3.4): \`grant_type=${DEVICE_CODE_GRANT_TYPE}\`, \`device_code\`, ` +
    "`client_id`. Until the developer decides: `authorization_pending`; polling faster than `interval`: `slow_down` with the " +
    "new `interval` (5 s more, for every later poll); denied: `access_denied`; past `expires_in`: `expired_token`; a code " +
    "already used, unknown or another client's: `invalid_grant`. Approved: a personal access token (`pat_…`), delivered once.",
  access: "public",
  body: deviceTokenRequest,
  oauthErrors: [
    "authorization_pending",
    "slow_down",
    "access_denied",
    "expired_token",
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unsupported_grant_type",
  ],
  success: { status: 200, description: "The CLI's personal access token (RFC 6749 §5.1).", schema: deviceTokenResponse },
});

export const lookupDeviceOperation = defineOperation({
  method: "POST",
  path: "/api/device/lookup",
  operationId: "lookupDeviceAuthorization",
  tag: "CLI sign-in",
  summary: "Look up a CLI sign-in by its code",
  description:
    "What the confirm page shows before you approve: the computer asking (host name, address, agent), when, and the scope it " +
    "asked for. A code that is unknown, expired or already decided answers 404; misses are throttled (10 per 15 minutes).",
  access: "session",
  body: userCodeInput,
  errors: ["rate_limited"],
  success: { status: 200, description: "The pending sign-in.", schema: deviceAuthorizationDto },
});

export const approveDeviceOperation = defineOperation({
  method: "POST",
  path: "/api/device/approve",
  operationId: "approveDeviceAuthorization",
  stepUp: true,
  tag: "CLI sign-in",
  summary: "Approve a CLI sign-in",
  description:
    "Lets the CLI in as you: its next poll receives a personal access token named after its computer, expiring in 90 days, " +
    "with the scope (at most what it asked for) and team you choose. Needs a recent proof of identity, as creating a token does.",
  access: "session",
  body: approveDeviceInput,
  errors: ["rate_limited"],
  success: { status: 204, description: "Approved: the CLI signs in at its next poll." },
});

export const denyDeviceOperation = defineOperation({
  method: "POST",
  path: "/api/device/deny",
  operationId: "denyDeviceAuthorization",
  tag: "CLI sign-in",
  summary: "Deny a CLI sign-in",
  description: "The CLI's next poll answers `access_denied`; the code cannot be approved any more.",
  access: "session",
  body: userCodeInput,
  errors: ["rate_limited"],
  success: { status: 204, description: "Denied." },
});

export const deviceOperations = [
  deviceCodeOperation,
  deviceTokenOperation,
  lookupDeviceOperation,
  approveDeviceOperation,
  denyDeviceOperation,
];
