/**
 * Checks a code from the developer's second factor: a TOTP code from their authenticator app,
 * or one of their unused recovery codes (which it then spends). Null when neither matches.
 * (Implemented with the two-factor enrolment, issue 14 part 3.)
 */
export async function verifySecondFactorCode(userId: string, code: string): Promise<"totp" | "recovery_code" | null> {
  void userId;
  void code;
  return null;
}
