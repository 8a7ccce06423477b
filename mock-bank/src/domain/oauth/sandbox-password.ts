/**
 * The documented sandbox password of a persona's login: `user_<persona>` / `pass_<persona>`.
 * Test customers only; listed on the docs' sandbox page.
 */
export function sandboxPassword(persona: string): string {
  return `pass_${persona}`;
}
