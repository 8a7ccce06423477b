import type { PrismaClient } from "@prisma/client";
import type { Account } from "oidc-provider";

/**
 * "Sign in with Open Bank": what a test customer's id_token and userinfo say about them.
 * Scopes → claims (OpenID Connect Core §5.4), plus `kyc` for the bank's verified identity
 * (OpenID Connect for Identity Assurance 1.0, `verified_claims`).
 */
export const IDENTITY_CLAIMS = {
  openid: ["sub"],
  profile: ["name", "given_name", "family_name", "birthdate"],
  email: ["email", "email_verified"],
  address: ["address"],
  kyc: ["verified_claims"],
} as const;

export const IDENTITY_SCOPES = Object.keys(IDENTITY_CLAIMS) as (keyof typeof IDENTITY_CLAIMS)[];

/** The trust framework the sandbox claims to verify under: the UK digital identity framework. */
export const TRUST_FRAMEWORK = "uk_tfida";

type Customer = {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  dateOfBirth: Date;
  kycStatus: string;
  createdAt: Date;
  addressLine1: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  nationalId: string | null;
};

export function customerClaims(customer: Customer) {
  const birthdate = customer.dateOfBirth.toISOString().slice(0, 10);
  const address = customer.addressLine1
    ? {
        street_address: customer.addressLine1,
        locality: customer.city ?? undefined,
        postal_code: customer.postcode ?? undefined,
        country: customer.country ?? "GB",
      }
    : undefined;
  const claims: Record<string, unknown> = {
    sub: customer.id,
    name: `${customer.givenName} ${customer.familyName}`,
    given_name: customer.givenName,
    family_name: customer.familyName,
    birthdate,
    email: customer.email,
    // Sandbox customers' addresses were checked when the bank onboarded them.
    email_verified: true,
    ...(address ? { address } : {}),
  };
  // Only an approved KYC decision is a verification; a customer in review or rejected has none.
  if (customer.kycStatus === "approved") {
    claims.verified_claims = {
      verification: {
        trust_framework: TRUST_FRAMEWORK,
        time: customer.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
        verification_process: `kyc_${customer.id}`,
        evidence: [
          customer.nationalId
            ? { type: "electronic_record", record: { type: "population_register" } }
            : { type: "document", method: "pipp", document: { type: customer.addressLine1 ? "driving_permit" : "passport" } },
        ],
      },
      claims: {
        given_name: customer.givenName,
        family_name: customer.familyName,
        birthdate,
        ...(address ? { address } : {}),
      },
    };
  }
  return claims;
}

/** oidc-provider's findAccount: a test customer by id (ids are unique across tenants). */
export async function findCustomerAccount(db: PrismaClient, sub: string, grantId?: string): Promise<Account | undefined> {
  const customer = await db.bankCustomer.findUnique({ where: { id: sub } });
  if (!customer) return undefined;
  return {
    accountId: customer.id,
    // Every claim the customer has; oidc-provider keeps only those the granted scopes and claims allow.
    claims: async () => {
      const claims = customerClaims(customer) as { sub: string } & Record<string, unknown>;
      // UK Open Banking: the id_token names the consent the customer authorised in this grant.
      if (grantId) {
        const consent = await db.bankConsent.findUnique({ where: { grantId }, select: { id: true, standard: true } });
        if (consent?.standard === "uk_open_banking") claims.openbanking_intent_id = consent.id;
      }
      return claims;
    },
  };
}
