import bcrypt from "bcryptjs";

/** bcrypt work factor for every stored password: ~350 ms per hash on a 2-core machine. */
export const BCRYPT_COST = 12;

/**
 * A hash of a random, discarded password at BCRYPT_COST. Comparing against it when the email
 * is unknown makes a wrong email take as long as a wrong password.
 */
const DUMMY_HASH = "$2b$12$oDVc9SxOqKQdOHEqOO6Fc.om1VWuZuZ0gHhy0G.pKYv.oAZn23Cn.";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Compares with the stored hash, or with a dummy one (always false) when there is none. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return hash != null && matches;
}
