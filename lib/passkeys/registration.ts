import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import { Prisma } from "@prisma/client";
import type { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { CHALLENGE_TTL_MS, consumeChallenge, issueChallenge } from "./challenges";
import { toPasskeyDto, type PasskeyDto } from "./passkey-dto";
import { relyingParty } from "./relying-party";
import type { creationOptionsJson } from "./webauthn-schemas";

export const MAX_PASSKEYS = 20;

/**
 * Options for adding a passkey: a discoverable credential (resident key required, so it signs in
 * without a password too), user verification preferred, the developer's own passkeys excluded
 * (the authenticator refuses to make a second one for this account).
 */
export async function passkeyRegistrationOptions(user: {
  id: string;
  email: string;
  name: string;
}): Promise<{ challenge_id: string; options: z.input<typeof creationOptionsJson> }> {
  const existing = await db().passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  if (existing.length >= MAX_PASSKEYS)
    throw new AppError("conflict", `An account can have at most ${MAX_PASSKEYS} passkeys: remove one first.`);
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    // The account's id, so an authenticator keeps one passkey per account (it replaces, not adds).
    userID: isoUint8Array.fromUTF8String(user.id),
    attestationType: "none",
    timeout: CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: parseTransports(passkey.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  const challengeId = await issueChallenge({ purpose: "passkey_register", challenge: options.challenge, userId: user.id });
  return { challenge_id: challengeId, options };
}

/** Checks the browser's new credential against the challenge (origin, RP id, signature) and stores its public key. */
export async function registerPasskey(options: {
  actor: AuditActor;
  challengeId: string;
  response: Record<string, unknown>;
  name: string;
}): Promise<PasskeyDto> {
  const { actor } = options;
  const challenge = await consumeChallenge({ id: options.challengeId, purpose: "passkey_register", userId: actor.userId });
  if (!challenge) throw new AppError("passkey_challenge_invalid");
  const rp = relyingParty();
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: options.response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    throw new AppError("passkey_not_verified", (error as Error).message.slice(0, 300));
  }
  if (!verification.verified) throw new AppError("passkey_not_verified");
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;

  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.passkey.create({
        data: {
          id: newId("passkey"),
          userId: actor.userId,
          credentialId: credential.id,
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          counter: credential.counter,
          transports: JSON.stringify(credential.transports ?? []),
          deviceType: credentialDeviceType,
          backedUp: credentialBackedUp,
          name: options.name,
        },
      });
      await recordAudit(tx, {
        teamId: null,
        actor,
        action: "account.passkey_added",
        target: { type: "passkey", id: row.id, name: row.name },
        metadata: { synced: credentialBackedUp },
      });
      return toPasskeyDto(row);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "This passkey is already registered.");
    }
    throw error;
  }
}

export function parseTransports(stored: string): Array<"ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb"> {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed.filter((item) => typeof item === "string") as never) : [];
  } catch {
    return [];
  }
}
