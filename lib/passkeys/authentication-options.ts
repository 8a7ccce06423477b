import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { CHALLENGE_TTL_MS, issueChallenge } from "./challenges";
import { parseTransports } from "./registration";
import { relyingParty } from "./relying-party";
import type { requestOptionsJson } from "./webauthn-schemas";

/**
 * Options for signing with a passkey. `sign_in` (no session): no allowCredentials, so the browser
 * offers whichever passkey the person has for this site and the answer says nothing about which
 * accounts exist. `step_up`: the signed-in developer's own passkeys.
 */
export async function passkeyAuthenticationOptions(options: {
  purpose: "sign_in" | "step_up";
  userId?: string;
}): Promise<{ challenge_id: string; options: z.input<typeof requestOptionsJson> }> {
  const rp = relyingParty();
  let allowCredentials: { id: string; transports: ReturnType<typeof parseTransports> }[] | undefined;
  if (options.purpose === "step_up") {
    if (!options.userId) throw new AppError("unauthenticated", "Sign in first: a step-up confirms the signed-in developer.");
    const passkeys = await db().passkey.findMany({ where: { userId: options.userId }, select: { credentialId: true, transports: true } });
    if (passkeys.length === 0) throw new AppError("resource_not_found", "You have no passkey: confirm with a code or your password.");
    allowCredentials = passkeys.map((passkey) => ({ id: passkey.credentialId, transports: parseTransports(passkey.transports) }));
  }
  const generated = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials,
    userVerification: "preferred",
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = await issueChallenge({
    purpose: options.purpose === "sign_in" ? "passkey_sign_in" : "passkey_step_up",
    challenge: generated.challenge,
    userId: options.purpose === "step_up" ? options.userId : undefined,
  });
  // JSON.stringify would drop the undefined fields; drop them here so the answer matches its schema.
  return { challenge_id: challengeId, options: JSON.parse(JSON.stringify(generated)) };
}
