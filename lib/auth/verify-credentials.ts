import { db } from "@/lib/db";
import { verifyPassword } from "./password-hash";
import { PASSWORD_MAX_BYTES } from "./password-rules";
import { normaliseEmail } from "./schemas";
import { userDtoSelect, type UserDto } from "./types";

export type CredentialsResult = { ok: true; user: UserDto } | { ok: false };

/**
 * Checks an email and password. Unknown emails still pay for one bcrypt comparison, so the
 * answer takes as long either way and says nothing about which part was wrong.
 */
export async function verifyCredentials(options: { email: string; password: string }): Promise<CredentialsResult> {
  const row = await db().user.findUnique({
    where: { email: normaliseEmail(options.email) },
    select: { ...userDtoSelect, passwordHash: true },
  });
  // bcrypt would compare only the first 72 bytes; longer inputs never match.
  const usable = Buffer.byteLength(options.password, "utf8") <= PASSWORD_MAX_BYTES;
  const matches = await verifyPassword(options.password, usable ? row?.passwordHash : undefined);
  if (!row || !matches) return { ok: false };
  return { ok: true, user: { id: row.id, email: row.email, name: row.name } };
}
