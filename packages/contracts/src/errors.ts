/**
 * The one error contract of the platform: RFC 9457 problem+json (serialised in ./problem.ts).
 * Every error code lives in one of the catalogues below with its status, title and hint; the
 * portal's errors page is rendered from them, so a code that exists is a code that is documented.
 *
 * The catalogue is split by who answers with a code: both surfaces (request shape, routing,
 * limits), the portal and its gateway (credentials, teams, go-live), and the sandbox bank
 * (customers, money, consents). Both import this package; neither imports the other.
 */

export type ErrorInfo = { status: number; title: string; hint: string };

/** Codes either surface answers with: request shape, routing, limits, upstream. */
export const sharedErrors = {
  validation_failed: {
    status: 400,
    title: "The request is invalid",
    hint: "Fix the fields listed in `errors[]`: each has a JSON pointer (`/query/limit`, `/body/amount`) and a message.",
  },
  malformed_json: {
    status: 400,
    title: "The request body is not valid JSON",
    hint: "Send a valid JSON document with `Content-Type: application/json`.",
  },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported content type",
    hint: "Send the body as JSON with `Content-Type: application/json`.",
  },
  payload_too_large: {
    status: 413,
    title: "The request body is too large",
    hint: "Send a smaller body; requests are capped to keep the sandbox fast for everyone.",
  },
  not_found: { status: 404, title: "No such route", hint: "Check the method and path against the API reference." },
  resource_not_found: {
    status: 404,
    title: "No such resource",
    hint: "The id does not exist in your app's sandbox. Ids are per app: another app's ids never resolve.",
  },
  method_not_allowed: {
    status: 405,
    title: "Method not allowed on this route",
    hint: "Use one of the methods listed for this path in the API reference.",
  },
  conflict: {
    status: 409,
    title: "The request conflicts with the current state",
    hint: "Fetch the current state and retry with a request that fits it.",
  },
  insufficient_scope: {
    status: 403,
    title: "The credential's scope does not allow this call",
    hint: "A read-only API key may call GET, HEAD and OPTIONS only: use a read-write key of the app to change data. A `read` personal access token may only call the portal API's GET operations: use a `write` token to change anything. A consent token carries only the permissions the customer granted (see `WWW-Authenticate`'s `scope`): ask for the missing one in a new consent.",
  },
  invalid_token: {
    status: 401,
    title: "The access token is not valid",
    hint: "The consent access token is unknown, expired (1 hour on the sandbox clock) or revoked. Get a new one with your refresh token at `POST /oauth/token`. A DPoP-bound token (FAPI 2.0 apps) goes as `Authorization: DPoP <token>` with a `DPoP` proof header, never as `Bearer`; a bearer token never with the DPoP scheme: the `detail` says which.",
  },
  rate_limited: {
    status: 429,
    title: "Too many requests",
    hint: "Wait for the seconds in `Retry-After`, then retry. `RateLimit` tells how many requests remain.",
  },
  service_unavailable: {
    status: 503,
    title: "No instance can answer right now",
    hint: "Every instance behind the load balancer is down or restarting (scale-out mode). Retry after the seconds in `Retry-After`.",
  },
  bank_unavailable: {
    status: 502,
    title: "The bank could not be reached",
    hint: "Retry with backoff; requests with an `Idempotency-Key` are safe to retry.",
  },
  internal_error: {
    status: 500,
    title: "Something went wrong on our side",
    hint: "Retry; if it persists, contact support with the `request_id`.",
  },
} as const satisfies Record<string, ErrorInfo>;

/** Codes of the portal, its API and its gateway: credentials, sessions, teams, go-live. */
export const portalErrors = {
  missing_api_key: {
    status: 401,
    title: "No API key was sent",
    hint: "Add `Authorization: Bearer sk_sandbox_…` with a key from your dashboard.",
  },
  invalid_api_key: {
    status: 401,
    title: "The API key is not valid",
    hint: "Check the key for typos or truncation, or create a new key in the dashboard.",
  },
  revoked_api_key: {
    status: 401,
    title: "The API key has been revoked",
    hint: "The key was revoked; use another active key of the app, or create one.",
  },
  expired_api_key: {
    status: 401,
    title: "The API key has expired",
    hint: "The key passed its expiry time, or it was rolled and its overlap window has ended. Use the key that replaced it, or create a new one in the dashboard.",
  },
  unauthenticated: {
    status: 401,
    title: "Sign in to continue",
    hint: "Sign in to the portal and try again. With a personal access token (`Authorization: Bearer pat_…`): the token is unknown, expired or revoked (see `WWW-Authenticate`); the account page lists your tokens and their state.",
  },
  token_not_allowed: {
    status: 403,
    title: "This operation is not available with an access token",
    hint: "Account security (password, email, two-factor, passkeys, sessions, access tokens, step-up) and platform administration are done in the portal, signed in in a browser. The API reference says which operations accept a personal access token.",
  },
  forbidden: {
    status: 403,
    title: "You do not have access to this resource",
    hint: "Your team role does not allow this action; ask a team owner or admin.",
  },
  app_suspended: {
    status: 403,
    title: "The app is suspended",
    hint: "A platform admin suspended this app; every call is refused until it is reinstated. The app's dashboard page shows the reason; contact support to appeal.",
  },
  owner_must_transfer: {
    status: 409,
    title: "The owner must transfer ownership first",
    hint: "A team has exactly one owner. Transfer ownership to another member, then leave.",
  },
  invite_expired: {
    status: 410,
    title: "The invitation is no longer valid",
    hint: "Invitations expire after 7 days and work once; ask a team owner or admin to send a new one.",
  },
  invite_email_mismatch: {
    status: 403,
    title: "The invitation is for another email address",
    hint: "Sign in with the address the invitation was sent to, or ask for an invitation to your own address.",
  },
  account_owns_teams: {
    status: 409,
    title: "You still own teams with other members",
    hint: "Deleting your account would leave those teams without an owner. For each team named in the detail, transfer ownership to another member (or remove the other members), then delete your account.",
  },
  email_taken: { status: 409, title: "An account with this email already exists", hint: "Sign in instead, or use another email address." },
  go_live_evidence_missing: {
    status: 422,
    title: "The sandbox test run is not complete yet",
    hint: "Production access needs successful sandbox calls on enough distinct endpoints in the last 7 days; the go-live page lists what is missing.",
  },
  step_up_required: {
    status: 403,
    title: "Confirm it's you to continue",
    hint: "Keys, secrets, ownership, your email address and your sign-in methods (two-factor, passkeys) need a fresh password, authenticator code or passkey from the last 10 minutes. Confirm with `POST /api/account/step-up`, then retry.",
  },
  step_up_failed: {
    status: 403,
    title: "That did not confirm it's you",
    hint: "The password, authenticator code or passkey was not right. With two-factor on, confirm with a code or a passkey, not the password.",
  },
  email_unverified: {
    status: 403,
    title: "Verify your email address first",
    hint: "Inviting members and requesting production access need a verified address. Open the link we emailed you, or send a new one from the banner in the dashboard.",
  },
  two_factor_already_enabled: {
    status: 409,
    title: "An authenticator app is already set up",
    hint: "Remove the current one first (Account → Security → Authenticator app → Remove), then set up the new one.",
  },
  two_factor_not_pending: {
    status: 409,
    title: "Start setting up the authenticator app first",
    hint: "Call `POST /api/account/two-factor/totp` for a new key, add it to your authenticator app, then confirm with the code it shows.",
  },
  two_factor_not_enabled: {
    status: 409,
    title: "Two-factor authentication is not on",
    hint: "Recovery codes belong to a second factor: add an authenticator app or a passkey first.",
  },
  passkey_challenge_invalid: {
    status: 400,
    title: "The passkey request expired or was already used",
    hint: "Each passkey prompt works once, for 5 minutes. Ask for new options (`POST /api/account/passkeys/registration-options` or `/challenge`) and try again.",
  },
  passkey_not_verified: {
    status: 400,
    title: "The passkey's answer did not verify",
    hint: "The browser's response did not match the request (another site, another challenge, or a passkey already registered). Try again from this page.",
  },
  two_factor_required: {
    status: 403,
    title: "This team requires two-factor authentication",
    hint: "Its owner requires a second factor of every member. Set up an authenticator app or a passkey on your account's Security page (/account/security), then try again.",
  },
  sso_required: {
    status: 403,
    title: "This team requires single sign-on",
    hint: "Members whose email is on the team's domain sign in with the company's single sign-on. Sign out, sign in with the single sign-on button, then try again.",
  },
  too_many_sign_in_attempts: { status: 429, title: "Too many sign-in attempts", hint: "Wait a few minutes before trying again." },
  link_invalid: {
    status: 404,
    title: "This link is not valid",
    hint: "Open the whole link from the email (some mail apps break long links across lines), or ask for a new one.",
  },
  link_used: {
    status: 410,
    title: "This link has already been used",
    hint: "Links in account emails work once, and a newer link or a completed change replaces the older ones. Ask for a new link.",
  },
  link_expired: {
    status: 410,
    title: "This link has expired",
    hint: "Email verification links last 24 hours and password reset links 1 hour. Ask for a new one.",
  },
  password_incorrect: {
    status: 403,
    title: "Your current password is not right",
    hint: "Enter the password you sign in with now. Forgot it? Sign out and use “Forgot password?” on the sign-in page.",
  },
  no_password: {
    status: 409,
    title: "Your account has no password yet",
    hint: "It signs in with single sign-on. Set a password with the link from “Forgot password?” (or “Set a password” on the security page).",
  },
  invalid_dpop_proof: {
    status: 401,
    title: "The DPoP proof is not valid",
    hint: "Make a fresh proof for every request (RFC 9449): header `typ` dpop+jwt, `alg` ES256, PS256 or EdDSA, the public `jwk` of the key the token is bound to; claims `htm` (the method), `htu` (the URL without query), `iat` (now, within 60 s), a unique `jti`, `ath` (base64url SHA-256 of the access token) and the server's `nonce`. The `detail` names the claim that failed and the value expected.",
  },
  use_dpop_nonce: {
    status: 401,
    title: "The DPoP proof needs a fresh nonce",
    hint: "Retry with a new proof whose `nonce` claim is the `DPoP-Nonce` header of this answer. Every answer to a DPoP call carries the current nonce: use the latest one and this refusal does not come back.",
  },
  invalid_message_signature: {
    status: 400,
    title: "The message signature is missing or not valid",
    hint: "The app turned UK Open Banking message signing on: every payment POST, PUT and PATCH carries `x-jws-signature`, a detached JWS of the body as sent (`base64url(header)..base64url(signature)`), PS256 with one of the app's registered RSA keys. The JOSE header has `kid`, and `http://openbanking.org.uk/iat` (now), `…/iss` (`{org_id}/{software_id}` from the app's software statement), `…/tan` (the portal's host), all three listed in `crit`. The answer's `ErrorCode` (U015–U019) and `Path` say which part failed.",
  },
  bank_timeout: {
    status: 504,
    title: "The bank did not answer in time",
    hint: "Retry with backoff; requests with an `Idempotency-Key` are safe to retry.",
  },
} as const satisfies Record<string, ErrorInfo>;

/** Codes of the sandbox bank: customers, accounts, money movement, consents, idempotency. */
export const bankErrors = {
  consent_expired: {
    status: 401,
    title: "The consent has expired",
    hint: "Consents last 90 days on the sandbox clock. Send the customer through `/oauth/authorize` again (or mint one with `POST /v1/sandbox/consents`).",
  },
  consent_revoked: {
    status: 401,
    title: "The consent has been revoked",
    hint: "The consent was revoked (`DELETE /v1/consents/{consent_id}`), so its tokens no longer work. Ask the customer for a new consent.",
  },
  consent_account_not_granted: {
    status: 403,
    title: "The account is not part of the consent",
    hint: "The customer did not share this account with your app. List the shared accounts with `GET /v1/accounts` using the same token.",
  },
  consent_not_authorised: {
    status: 409,
    title: "The consent is not authorised, or already used",
    hint: "A payment is made under an `Authorised` payment consent that has not expired, and only once: the consent is `Consumed` by the payment that uses it. Create a new consent and send the customer to authorise it.",
  },
  api_key_required: {
    status: 403,
    title: "This endpoint needs an API key",
    hint: "Consent access tokens reach only customer-data endpoints (accounts, balances, transactions, payments). Call this one with your sandbox API key.",
  },
  internal_auth_failed: {
    status: 403,
    title: "The internal credentials are missing or wrong",
    hint: "Only the gateway may call the bank directly; call the portal's /v1 endpoints instead.",
  },
  kyc_not_in_review: {
    status: 409,
    title: "The customer is not in KYC review",
    hint: "Only a customer whose `kyc.status` is `review` can be decided. Create one with the magic family name `Review`.",
  },
  kyc_not_approved: {
    status: 422,
    title: "The customer's KYC is not approved",
    hint: "Only customers whose `kyc.status` is `approved` can open accounts; customers in `review` or `rejected` cannot. See the magic values of `POST /v1/customers`.",
  },
  offer_expired: {
    status: 422,
    title: "The loan offer has expired",
    hint: "Offers can be accepted for 30 days on the sandbox clock (`expires_at`). Apply again with `POST /v1/loans/applications` for fresh offers.",
  },
  offer_already_accepted: {
    status: 409,
    title: "The application's offer was already accepted",
    hint: "An application opens one loan: this offer, or another of the same application, was accepted already. `GET /v1/loans/applications/{id}` shows which (`loan_id`).",
  },
  account_not_eligible: {
    status: 422,
    title: "The account cannot be used for this",
    hint: "The detail says which account is needed: loans are paid into, and instalments collected from, an active GBP current account of the same customer; premiums are paid from a current account or credit card of the quote's customer; rewards exist only on credit card accounts.",
  },
  bnpl_declined: {
    status: 422,
    title: "The instalment plan was declined",
    hint: "The detail starts with the reason code (`credit_score_too_low`, `over_plan_limit`, `existing_arrears`, `kyc_not_approved`, `account_restricted`). Nothing was charged; see the BNPL rules in the API reference.",
  },
  insufficient_funds: {
    status: 422,
    title: "The account has insufficient funds",
    hint: "The debit would take the account below zero, or below its arranged overdraft or credit limit. Check `GET /v1/accounts/{id}/balances` and send less.",
  },
  account_frozen: {
    status: 422,
    title: "The account is frozen",
    hint: "Frozen accounts can be read but cannot send or receive payments. In the sandbox, the `frozen_account` persona's current account is frozen.",
  },
  limit_exceeded: {
    status: 422,
    title: "The payment exceeds a limit",
    hint: "A single payment may be at most 25,000.00 GBP (or the equivalent); split it or use a smaller amount.",
  },
  invalid_beneficiary: {
    status: 422,
    title: "The beneficiary is not valid",
    hint: "Check the IBAN (country, length and mod-97 check digits), or the 6-digit sort code and 8-digit account number; an internal transfer needs another of your sandbox accounts.",
  },
  currency_mismatch: {
    status: 422,
    title: "The currencies do not match",
    hint: "The amount's currency must be the debtor account's currency; for another currency, create an FX quote and send an international payment.",
  },
  quote_expired: {
    status: 422,
    title: "The FX quote has expired or was used",
    hint: "Quotes are valid until `expires_at` and pay once; create a new quote and send the payment with its id.",
  },
  idempotency_key_required: {
    status: 400,
    title: "An Idempotency-Key header is required",
    hint: "Send `Idempotency-Key: <unique value>` (e.g. a UUID) with every request that moves money; reuse it only to retry the same request.",
  },
  idempotency_key_reused: {
    status: 422,
    title: "The Idempotency-Key was used for a different request",
    hint: "A key identifies one request: retry with the exact same method, path and body, or use a new key for a new request.",
  },
  idempotency_key_in_flight: {
    status: 409,
    title: "A request with this Idempotency-Key is still being processed",
    hint: "Wait a moment and retry with the same key and body: you will get the original response.",
  },
  early_withdrawal_not_allowed: {
    status: 422,
    title: "The fixed-term deposit has not matured",
    hint: "Money in a fixed-term bond stays until `matures_on`; advance the sandbox clock past maturity (the interest is then paid) and withdraw after that.",
  },
  deposit_not_accepted: {
    status: 422,
    title: "The account does not accept this deposit",
    hint: "A fixed-term bond takes only its opening deposit, within the product's minimum and maximum: see `GET /v1/products`.",
  },
  insurance_declined: {
    status: 422,
    title: "The insurer declines to quote",
    hint: "Travel cover is declined for travellers over the product's maximum age and for trips longer than it allows: see the declines listed at `POST /v1/insurance/quotes`.",
  },
  insurance_quote_expired: {
    status: 422,
    title: "The insurance quote has expired",
    hint: "A quote can be bought until `expires_at` (7 days, and no later than the trip's start date): create a new quote.",
  },
  insurance_quote_used: {
    status: 422,
    title: "The insurance quote was already bought",
    hint: "Each quote buys one policy; fetch the existing policy with `GET /v1/insurance/policies?customer_id=…`, or create a new quote.",
  },
  policy_not_cancellable: {
    status: 422,
    title: "The policy can no longer be cancelled",
    hint: "A policy can be cancelled with a full refund within 14 days of purchase and before the trip starts; after that it runs to its end date.",
  },
  insufficient_points: {
    status: 422,
    title: "Not enough reward points",
    hint: "Redeem at most the `points_balance` of `GET /v1/accounts/{account_id}/rewards`, in multiples of 500 points.",
  },
  customer_document_invalid: {
    status: 422,
    title: "The test customer cannot be built from this document",
    hint: "Each entry of `errors` points at a field that breaks a rule the schema cannot state (an overdraft the history breaches, a date outside the history window, another currency); fix those fields and send it again.",
  },
  customer_handle_taken: {
    status: 409,
    title: "The handle is already taken",
    hint: "Handles are unique in your sandbox and may not be a persona's key: pick another, or delete the existing custom customer first.",
  },
  snapshot_limit_reached: {
    status: 409,
    title: "The app has as many snapshots as it may keep",
    hint: "Delete a snapshot you no longer need (`DELETE /v1/sandbox/snapshots/{snapshot}`), then take the new one. `detail` says the limit.",
  },
  snapshot_name_taken: {
    status: 409,
    title: "A snapshot with this name already exists",
    hint: "Names are unique per app: choose another name, or delete the existing snapshot first (`DELETE /v1/sandbox/snapshots/{name}`).",
  },
  snapshot_too_large: {
    status: 413,
    title: "The sandbox's state is larger than a snapshot may be",
    hint: "`detail` gives the size and the limit. Reset the sandbox or remove data you added (custom customers, simulated transactions), then try again.",
  },
  event_override_invalid: {
    status: 422,
    title: "An override does not apply to this event",
    hint: "Each override's path (`object.amount`, `object.lines[0].amount`) must already exist in the event's object, and its value must have the same JSON type as the value it replaces. `errors[]` points at each refused override; the detail names what exists nearby. Nothing was fired.",
  },
  invalid_sandbox_export: {
    status: 422,
    title: "The file is not a sandbox export this bank can import",
    hint: "Import a file downloaded from `GET /v1/sandbox/export` (format `openbank.sandbox-export`, version 1), unchanged. `errors[]` points at what is wrong; nothing was changed.",
  },
} as const satisfies Record<string, ErrorInfo>;

export const catalog = { ...sharedErrors, ...portalErrors, ...bankErrors } as const;

export type ErrorCode = keyof typeof catalog;
export type PortalErrorCode = keyof typeof sharedErrors | keyof typeof portalErrors;
export type BankErrorCode = keyof typeof sharedErrors | keyof typeof bankErrors;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(catalog, value);
}

export type FieldError = { pointer: string; detail: string };

const BRAND = Symbol.for("openbank.AppError");

/** The one error type. Throw it from domain code; the edge serialises it once. */
export class AppError extends Error {
  /**
   * `instanceof` by brand, not by class identity: the portal's custom server and Next.js's
   * bundles each load their own copy of this module, and an error made by one is caught by the other.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? catalog[code].title);
    this.name = "AppError";
    this.code = code;
    this.status = catalog[code].status;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}
