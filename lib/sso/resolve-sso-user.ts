import { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { recordAudit } from "@/lib/audit/record-audit";
import { userDtoSelect, type UserDto } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { normaliseIssuer } from "./sso-config";
import type { SsoSignInError } from "./sso-errors";
import type { SsoProfile } from "./sso-provider";

/** What single sign-on learned about the person, from verified claims. */
export type SsoClaims = { issuer: string; subject: string; email: string | null; emailVerified: boolean; name: string | null };

/** How the sign-in found its account: an identity already linked, a link made now, or a new account. */
export type SsoOutcome = "signed_in" | "linked" | "created";

export type SsoResolution = { ok: true; user: UserDto; outcome: SsoOutcome; identityId: string } | { ok: false; error: SsoSignInError };

/**
 * The claims single sign-on relies on. `email_verified` counts only when the provider says
 * true (some send the string "true"); anything else, or no claim at all, is unverified.
 */
export function ssoClaims(profile: SsoProfile, configuredIssuer: string): SsoClaims {
  const email = typeof profile.email === "string" && profile.email.includes("@") ? profile.email.trim().toLowerCase() : null;
  const name = profile.name?.trim() || [profile.given_name, profile.family_name].filter(Boolean).join(" ").trim() || null;
  return {
    issuer: normaliseIssuer(profile.iss ?? configuredIssuer),
    subject: profile.sub,
    email: email && email.length <= 254 ? email : null,
    emailVerified: profile.email_verified === true || profile.email_verified === "true",
    name: name ? name.slice(0, 100) : null,
  };
}

/**
 * The portal account a single sign-on belongs to, linking or creating it:
 * 1. an identity already linked (issuer + subject) signs in to its account, whatever the email says now;
 * 2. otherwise the provider must vouch for the email (`email_verified: true`), and
 *    - an account with that email is linked, if the account proved the address too: linking to an
 *      unverified account would hand it to whoever registered the address first ("pre-hijacking").
 *      Unless that account is the one signed in and linking: then it is the same person, and the
 *      provider's word verifies the address;
 *    - no account: one is created, as sign-up does (a personal team), email verified, no password.
 * `expectUserId`: someone already signed in (linking from the security page, or confirming it's
 * them): the provider must come back as that same account.
 */
export async function resolveSsoUser(options: {
  claims: SsoClaims;
  ip: string;
  expectUserId?: string;
  /** Set on the one retry after a race (below). */
  retried?: boolean;
}): Promise<SsoResolution> {
  const { claims, ip, expectUserId } = options;
  const linked = await db().ssoIdentity.findUnique({
    where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
    select: { id: true, user: { select: userDtoSelect } },
  });
  if (linked) {
    if (expectUserId && linked.user.id !== expectUserId) return { ok: false, error: "SsoEmailMismatch" };
    await db().ssoIdentity.update({
      where: { id: linked.id },
      data: { lastUsedAt: new Date(), ...(claims.email && claims.emailVerified ? { email: claims.email } : {}) },
    });
    return { ok: true, user: linked.user, outcome: "signed_in", identityId: linked.id };
  }

  if (!claims.email) return { ok: false, error: "SsoNoEmail" };
  if (!claims.emailVerified) return { ok: false, error: "SsoEmailUnverified" };
  const email = claims.email;

  const existing = await db().user.findUnique({ where: { email }, select: { ...userDtoSelect, emailVerifiedAt: true } });
  if (expectUserId && existing?.id !== expectUserId) return { ok: false, error: "SsoEmailMismatch" };
  try {
    if (existing) {
      // Signed in to it already (linking from the security page), the developer holds the account and
      // the provider's account for its address at once: the link is safe, and it proves the address.
      const provesAddress = !existing.emailVerifiedAt && existing.id === expectUserId;
      if (!existing.emailVerifiedAt && !provesAddress) return { ok: false, error: "SsoAccountUnverified" };
      const user: UserDto = { id: existing.id, email: existing.email, name: existing.name };
      const identityId = await db().$transaction(async (tx) => {
        if (provesAddress) {
          await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
          await recordAudit(tx, {
            teamId: null,
            actor: { userId: user.id, email: user.email, ip },
            action: "account.email_verified",
            target: { type: "user", id: user.id, name: user.email },
            metadata: { by: "single_sign_on", issuer: claims.issuer },
          });
        }
        const identity = await tx.ssoIdentity.create({
          data: {
            id: newId("ssoIdentity"),
            userId: user.id,
            issuer: claims.issuer,
            subject: claims.subject,
            email,
            lastUsedAt: new Date(),
          },
        });
        await recordAudit(tx, {
          teamId: null,
          actor: { userId: user.id, email: user.email, ip },
          action: "account.sso_linked",
          target: { type: "sso_identity", id: identity.id, name: claims.issuer },
          metadata: { issuer: claims.issuer, email, account: "existing" },
        });
        return identity.id;
      });
      return { ok: true, user, outcome: "linked", identityId };
    }
    return await createSsoAccount(claims, email, ip);
  } catch (error) {
    // Two sign-ins of the same person at once: the other one linked or created first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && !options.retried) {
      return resolveSsoUser({ ...options, retried: true });
    }
    throw error;
  }
}

/** A new developer from single sign-on: as sign-up makes one (a personal team they own), with the address verified and no password. */
async function createSsoAccount(claims: SsoClaims, email: string, ip: string): Promise<SsoResolution> {
  const name = claims.name ?? email.slice(0, email.indexOf("@")).slice(0, 100);
  const now = new Date();
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        id: newId("user"),
        email,
        name,
        passwordHash: null,
        emailVerifiedAt: now,
        memberships: {
          create: {
            id: newId("membership"),
            role: "owner",
            team: { create: { id: newId("team"), name: `${name}'s team`, personal: true } },
          },
        },
        ssoIdentities: {
          create: { id: newId("ssoIdentity"), issuer: claims.issuer, subject: claims.subject, email, lastUsedAt: now },
        },
      },
      select: { ...userDtoSelect, ssoIdentities: { select: { id: true } } },
    });
    const identityId = user.ssoIdentities[0].id;
    await recordAudit(tx, {
      teamId: null,
      actor: { userId: user.id, email: user.email, ip },
      action: "account.sso_linked",
      target: { type: "sso_identity", id: identityId, name: claims.issuer },
      metadata: { issuer: claims.issuer, email, account: "created" },
    });
    return { ok: true as const, user: { id: user.id, email: user.email, name: user.name }, outcome: "created" as const, identityId };
  });
}
