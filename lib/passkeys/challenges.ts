import { newId } from "@openbank/contracts/ids";
import { db } from "@/lib/db";

/** A WebAuthn prompt is answered within this, once. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export type ChallengePurpose = "passkey_register" | "passkey_sign_in" | "passkey_step_up";

/**
 * Stores a challenge handed to a browser; returns its id (`chl_…`), which the browser sends back
 * with its answer. Expired challenges are swept on the way (sign-in hands them out to anyone).
 * The challenge itself is not a secret (it travels in clear and only a private key can sign it):
 * what matters is that it is used once and soon, which `consumeChallenge` enforces.
 */
export async function issueChallenge(options: { purpose: ChallengePurpose; challenge: string; userId?: string }): Promise<string> {
  const now = new Date();
  await db().authChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  const id = newId("authChallenge");
  await db().authChallenge.create({
    data: {
      id,
      purpose: options.purpose,
      challenge: options.challenge,
      userId: options.userId ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
  });
  return id;
}

/**
 * Spends a challenge: its value if it exists, is for this purpose (and this developer, when it
 * was issued to one) and has not expired; null otherwise. Deleting it is the spend, so of two
 * answers to one challenge only one gets its value.
 */
export async function consumeChallenge(options: { id: string; purpose: ChallengePurpose; userId?: string }): Promise<string | null> {
  const row = await db().authChallenge.findUnique({ where: { id: options.id } });
  if (!row || row.purpose !== options.purpose || (row.userId ?? undefined) !== options.userId) return null;
  const { count } = await db().authChallenge.deleteMany({ where: { id: row.id } });
  if (count !== 1 || row.expiresAt.getTime() <= Date.now()) return null;
  return row.challenge;
}
