/**
 * The documented sandbox password of a test customer's login: `user_<handle>` / `pass_<handle>`,
 * where the handle is a persona's key or a custom customer's handle.
 * Test customers only; listed on the docs' sandbox page.
 */
export function sandboxPassword(persona: string): string {
  return `pass_${persona}`;
}

/** The handle of a test customer's login (`user_<handle>`); null for customers without one (onboarded by KYC). */
export function loginHandle(customer: { username: string | null } | null | undefined): string | null {
  return customer?.username?.startsWith("user_") ? customer.username.slice("user_".length) : null;
}
