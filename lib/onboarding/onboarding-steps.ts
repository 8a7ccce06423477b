/**
 * The onboarding checklist: what a partner engineer does on the way to a working integration.
 * Each step ticks itself from the app's real sandbox traffic (lib/onboarding/step-rules.ts);
 * nothing here is self-declared. Order is the order a developer usually meets them.
 */
export const ONBOARDING_STEP_IDS = [
  "first_successful_call",
  "payment_with_idempotency_key",
  "idempotent_retry_replayed",
  "consent_flow_completed",
  "consent_token_call",
  "sandbox_token_call",
  "fapi_dpop_call",
  "uk_payment_completed",
  "berlin_group_consent_authorised",
  "webhook_answered_2xx",
  "error_handled_then_fixed",
  "sandbox_reset",
  "clock_advanced",
] as const;

export type OnboardingStepId = (typeof ONBOARDING_STEP_IDS)[number];

export type OnboardingStepDefinition = {
  id: OnboardingStepId;
  title: string;
  /** What to do next, shown while the step is not met. */
  next: string;
  /** A docs page that exists now (guides may link here once they are written). */
  docs: { href: string; label: string };
  /** Optional steps are shown but do not count towards the progress bar. */
  optional: boolean;
};

export const ONBOARDING_STEPS: readonly OnboardingStepDefinition[] = [
  {
    id: "first_successful_call",
    title: "Make your first successful call",
    next: "Call any /v1 endpoint with one of this app's keys, e.g. GET /v1/accounts, and get a 2xx back.",
    docs: { href: "/docs/api", label: "API reference" },
    optional: false,
  },
  {
    id: "payment_with_idempotency_key",
    title: "Create a payment with an Idempotency-Key",
    next: "POST /v1/payments with an Idempotency-Key header (a fresh UUID per payment) and get a 201.",
    docs: { href: "/docs/api", label: "Payments in the API reference" },
    optional: false,
  },
  {
    id: "idempotent_retry_replayed",
    title: "Retry a payment safely",
    next: "Send the same POST /v1/payments again with the same Idempotency-Key and body: the first response is replayed with Idempotent-Replayed: true, and no second payment is made.",
    docs: { href: "/docs/api", label: "Idempotency in the API reference" },
    optional: true,
  },
  {
    id: "consent_flow_completed",
    title: "Complete the consent flow",
    next: "Send a test customer through /oauth/authorize (PKCE), then exchange the code at POST /oauth/token for an access token.",
    docs: { href: "/docs/guides/consent-flow", label: "Consent flow" },
    optional: false,
  },
  {
    id: "consent_token_call",
    title: "Call the API with a consent token",
    next: "Use the access token from the authorization-code flow (the customer's approval, then POST /oauth/token) as the Bearer credential, e.g. GET /v1/accounts, and get a 2xx back. A token minted with POST /v1/sandbox/consents ticks its own step, not this one.",
    docs: { href: "/docs/guides/consent-flow", label: "Consent flow" },
    optional: false,
  },
  {
    id: "sandbox_token_call",
    title: "Call the API with a sandbox-minted token",
    next: "For tests without a browser: mint a consent with POST /v1/sandbox/consents and call GET /v1/accounts with its access_token (oat_…).",
    docs: { href: "/docs/guides/authentication", label: "Authentication" },
    optional: true,
  },
  {
    id: "fapi_dpop_call",
    title: "FAPI 2.0 flow completed with DPoP",
    next: "Switch the app to the FAPI 2.0 profile, push the authorization request to /oauth/par with private_key_jwt, exchange the code with a DPoP proof, then call /v1 with the DPoP-bound token and a fresh proof.",
    docs: { href: "/docs/guides/openid-connect-fapi", label: "OpenID Connect and FAPI 2.0" },
    optional: true,
  },
  {
    id: "uk_payment_completed",
    title: "UK Open Banking payment completed",
    next: "Create a domestic-payment-consent with a client-credentials token, have a test customer authorise it (PAR with openbanking_intent_id), then POST /open-banking/v4.0/pisp/domestic-payments with the customer's token and an x-idempotency-key, and get a 201 that is not rejected.",
    docs: { href: "/docs/guides/uk-open-banking", label: "UK Open Banking" },
    optional: true,
  },
  {
    id: "berlin_group_consent_authorised",
    title: "Berlin Group consent authorised",
    next: "POST /berlin-group/v1/consents with an X-Request-ID, start its authorisation (REDIRECT or DECOUPLED) and have the test customer approve it, then read GET /berlin-group/v1/consents/{consentId}/status until it answers valid (or read the accounts under it).",
    docs: { href: "/docs/guides/berlin-group", label: "Berlin Group NextGenPSD2" },
    optional: true,
  },
  {
    id: "webhook_answered_2xx",
    title: "Receive a webhook",
    next: "Add a webhook endpoint below, or run `openbank listen --forward-to http://localhost:4242/webhooks` on your machine, and answer a delivery (a test event or a real one) with a 2xx.",
    docs: { href: "/docs/guides/webhooks", label: "Webhooks" },
    optional: false,
  },
  {
    id: "error_handled_then_fixed",
    title: "Handle an error, then fix it",
    next: "Read a 4xx problem response (its code and errors[] pointers), fix the request and call the same endpoint again until it answers 2xx.",
    docs: { href: "/docs/errors", label: "Errors" },
    optional: false,
  },
  {
    id: "sandbox_reset",
    title: "Reset your sandbox",
    next: "POST /v1/sandbox/reset puts the test customers and balances back to the seed.",
    docs: { href: "/docs/sandbox#controls", label: "Sandbox controls" },
    optional: false,
  },
  {
    id: "clock_advanced",
    title: "Travel in time",
    next: "POST /v1/sandbox/clock/advance moves your sandbox's clock: pending payments settle and consents expire.",
    docs: { href: "/docs/sandbox#controls", label: "Sandbox controls" },
    optional: true,
  },
];
