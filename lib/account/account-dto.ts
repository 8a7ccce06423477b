import { z } from "zod";
import { db } from "@/lib/db";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/** The signed-in developer's own account, as the account pages show it. Never a secret or a hash. */
export const accountDto = z.object({
  id: resourceId,
  name: text(100),
  email: text(254),
  email_verified: z.boolean(),
  /** False for an account made by single sign-on that never set a password. */
  has_password: z.boolean(),
  two_factor: z.object({
    /** An authenticator app (TOTP) is enrolled. */
    totp: z.boolean(),
    passkeys: count,
    recovery_codes_left: count,
  }),
  sso: z.array(z.object({ id: resourceId, issuer: text(500), email: text(254), created_at: timestamp })).max(20),
  created_at: timestamp,
});

export type AccountDto = z.output<typeof accountDto>;

export async function getAccount(userId: string): Promise<AccountDto | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerifiedAt: true,
      passwordHash: true,
      totpEnabledAt: true,
      createdAt: true,
      _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } },
      ssoIdentities: { select: { id: true, issuer: true, email: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 20 },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    email_verified: user.emailVerifiedAt !== null,
    has_password: user.passwordHash !== null,
    two_factor: { totp: user.totpEnabledAt !== null, passkeys: user._count.passkeys, recovery_codes_left: user._count.recoveryCodes },
    sso: user.ssoIdentities.map((identity) => ({
      id: identity.id,
      issuer: identity.issuer,
      email: identity.email,
      created_at: identity.createdAt.toISOString(),
    })),
    created_at: user.createdAt.toISOString(),
  };
}
