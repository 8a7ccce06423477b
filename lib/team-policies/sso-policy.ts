import { db } from "@/lib/db";

/** "Ada@Acme.COM" → "acme.com": what a team's single sign-on domain is compared with (exactly, not subdomains). */
export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

/**
 * The teams of the developer that require single sign-on of them: those whose SSO domain is
 * their email's domain. Callers enforce it only while single sign-on is configured, so removing
 * the provider's settings never locks a team out.
 */
export async function teamsRequiringSso(userId: string): Promise<Array<{ id: string; name: string; domain: string }>> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return [];
  const domain = emailDomain(user.email);
  const teams = await db().team.findMany({
    where: { ssoDomain: domain, memberships: { some: { userId } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return teams.map((team) => ({ ...team, domain }));
}

/** Whether the developer has linked the provider `issuer` with an address on `domain`: it vouches for that domain. */
export async function hasSsoLinkOnDomain(userId: string, issuer: string, domain: string): Promise<boolean> {
  const identity = await db().ssoIdentity.findFirst({
    where: { userId, issuer, email: { endsWith: `@${domain}` } },
    select: { id: true },
  });
  return identity !== null;
}
