import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { db } from "@/lib/db";
import { ssoConfig } from "@/lib/sso/sso-config";
import { count, text } from "@/lib/portal-api/schemas";

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A domain as teams require single sign-on for it: lower case, no "@", no scheme ("acme.com"). */
export const ssoDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "A domain is at most 253 characters")
  .regex(DOMAIN, "Enter a domain such as example.com (no @, no https://)");

/** A team's security policies, as its page and `GET /api/teams/{teamId}/policies` show them. */
export const teamPoliciesDto = z.object({
  require_two_factor: z.boolean().describe("Members must have a second factor (an authenticator app or a passkey) to use the team."),
  sso_domain: z
    .string()
    .max(253)
    .regex(DOMAIN)
    .nullable()
    .describe("Members whose email is on this domain must sign in with single sign-on; null when not required."),
  sso: z.object({
    available: z.boolean().describe("Whether single sign-on is configured on this portal (a domain can only be required then)."),
    provider_name: text(40).nullable(),
  }),
  members_without_second_factor: count.describe("Members who would be (or are) shut out by the two-factor policy."),
});

export type TeamPoliciesDto = z.output<typeof teamPoliciesDto>;

export const updateTeamPoliciesInput = z
  .object({
    require_two_factor: z.boolean().optional(),
    sso_domain: ssoDomainSchema
      .nullable()
      .optional()
      .describe("Your own email's domain, to require single sign-on of members on it; null to stop requiring it."),
  })
  .refine((input) => input.require_two_factor !== undefined || input.sso_domain !== undefined, {
    message: "Send require_two_factor, sso_domain, or both",
  });

export type UpdateTeamPoliciesInput = z.output<typeof updateTeamPoliciesInput>;

/** Members of the team with neither an authenticator app nor a passkey (what hasSecondFactor checks). */
export function countMembersWithoutSecondFactor(client: Prisma.TransactionClient | PrismaClient, teamId: string): Promise<number> {
  return client.membership.count({ where: { teamId, user: { totpEnabledAt: null, passkeys: { none: {} } } } });
}

export async function getTeamPolicies(teamId: string): Promise<TeamPoliciesDto> {
  const [team, without] = await Promise.all([
    db().team.findUniqueOrThrow({ where: { id: teamId }, select: { requireTwoFactor: true, ssoDomain: true } }),
    countMembersWithoutSecondFactor(db(), teamId),
  ]);
  const config = ssoConfig();
  return {
    require_two_factor: team.requireTwoFactor,
    sso_domain: team.ssoDomain,
    sso: { available: config !== null, provider_name: config?.name ?? null },
    members_without_second_factor: without,
  };
}

/** What the owner's own account allows them to turn on (the card explains what is missing). */
export type PolicyOwnerState = { hasSecondFactor: boolean; ownDomain: string; ssoLinkedOnOwnDomain: boolean };
