/**
 * How a test customer's strong authentication goes on the bank's pages, per customer
 * (BankCustomer.authScenario, null = approve) or chosen on the login page in the sandbox.
 * Each outcome reaches the app in its protocol's terms (OAuth errors, consent statuses, SCA status).
 */
export const AUTHENTICATION_SCENARIOS = [
  "approve",
  "one_time_code",
  "decoupled",
  "authentication_failed",
  "account_locked",
  "session_timeout",
  "partial_grant",
] as const;

export type AuthenticationScenario = (typeof AUTHENTICATION_SCENARIOS)[number];

/** What each scenario does, for the docs, the login page's chooser and the OpenAPI document. */
export const AUTHENTICATION_SCENARIO_DESCRIPTIONS: Record<AuthenticationScenario, string> = {
  approve: "The customer signs in with the sandbox password and approves (the default).",
  one_time_code: "After the password, a one-time code step: the sandbox code is 123456; any other code is refused.",
  decoupled: "The customer approves in their banking app: pending until a sandbox control approves or refuses it.",
  authentication_failed: "The customer cannot authenticate: the bank refuses the sign-in.",
  account_locked: "The customer's online banking is locked: the bank refuses the sign-in and says so.",
  session_timeout: "The customer takes too long: the bank's session times out before they approve.",
  partial_grant: "The customer approves, but shares fewer accounts and permissions than asked.",
};

export function isAuthenticationScenario(value: unknown): value is AuthenticationScenario {
  return typeof value === "string" && (AUTHENTICATION_SCENARIOS as readonly string[]).includes(value);
}
