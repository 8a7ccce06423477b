/**
 * The permissions a consent can grant, as OAuth scopes. The order is the order the consent
 * screen and the discovery document list them in.
 */
export const SCOPES = ["accounts:read", "transactions:read", "payments:write"] as const;

export type Scope = (typeof SCOPES)[number];

/** What the customer reads on the consent screen. */
export const scopeDescriptions: Record<Scope, string> = {
  "accounts:read": "See the chosen accounts: names, numbers and balances",
  "transactions:read": "See the chosen accounts' transactions",
  "payments:write": "Make payments from the chosen accounts, and see their status",
};

/**
 * The UK Open Banking scopes (Read/Write API 4.0 security profile): a client-credentials token
 * with one of them creates that kind of consent; an authorization names the consent
 * (`openbanking_intent_id`) and one of them. Never used on /v1.
 */
export const STANDARD_SCOPES = ["accounts", "payments", "fundsconfirmations"] as const;

export type StandardScope = (typeof STANDARD_SCOPES)[number];

export const isStandardScope = (value: string): value is StandardScope => (STANDARD_SCOPES as readonly string[]).includes(value);

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/**
 * A space-separated scope string (RFC 6749 §3.3) → the scopes in canonical order, or null
 * when it is empty or names an unknown scope.
 */
export function parseScope(raw: string | undefined | null): Scope[] | null {
  const parts = (raw ?? "").split(" ").filter(Boolean);
  if (!parts.length || !parts.every(isScope)) return null;
  return SCOPES.filter((scope) => parts.includes(scope));
}
