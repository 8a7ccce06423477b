import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { db } from "@/lib/db";
import { consumeChallenge } from "./challenges";
import { parseTransports } from "./registration";
import { relyingParty } from "./relying-party";

/**
 * Verifies a WebAuthn assertion against a challenge this portal issued (and spends the
 * challenge). With `userId` (a step-up, or the second step of a password sign-in) the credential
 * must belong to that developer. Passwordless sign-in asks for `requireUserVerification`: the
 * passkey alone then stands for two factors (the device, and the PIN or biometric that unlocked it).
 * On success the passkey's signature counter and last use are recorded. Returns the user it proves.
 */
export async function verifyPasskeyAssertion(options: {
  purpose: "sign_in" | "step_up";
  userId?: string;
  challengeId: string;
  response: Record<string, unknown>;
  requireUserVerification?: boolean;
}): Promise<{ userId: string } | null> {
  const challenge = await consumeChallenge({
    id: options.challengeId,
    purpose: options.purpose === "sign_in" ? "passkey_sign_in" : "passkey_step_up",
    userId: options.purpose === "step_up" ? options.userId : undefined,
  });
  if (!challenge) return null;

  const response = options.response as unknown as AuthenticationResponseJSON;
  if (typeof response.id !== "string" || response.id.length > 1400) return null;
  const passkey = await db().passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey || (options.userId !== undefined && passkey.userId !== options.userId)) return null;
  // A discoverable credential names its account: it must be the one the passkey is registered to.
  const userHandle = response.response?.userHandle;
  if (userHandle && isoBase64URL.toUTF8String(userHandle) !== passkey.userId) return null;

  const rp = relyingParty();
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: parseTransports(passkey.transports),
      },
      requireUserVerification: options.requireUserVerification ?? false,
    });
    if (!verified) return null;
    await db().passkey.update({
      where: { id: passkey.id },
      data: { counter: authenticationInfo.newCounter, lastUsedAt: new Date(), backedUp: authenticationInfo.credentialBackedUp },
    });
  } catch {
    // A malformed answer, a wrong signature, a counter that went backwards (a cloned authenticator).
    return null;
  }
  return { userId: passkey.userId };
}
