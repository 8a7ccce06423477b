import type { PrismaClient } from "@prisma/client";
import type { ObParty } from "../../schemas/open-banking/ais-resources";
import { fit, holderName } from "./ais-mapping";

/**
 * A party is one of the bank's customers: PartyId is the `cus_…` id. The sandbox has one holder per
 * account (Sole, the Principal). With `account`, the party carries its relationship to that account
 * (/accounts/{AccountId}/party and /parties); without, it is the customer who authorised the consent
 * (/party, ReadPartyPSU). Only the consent's own customer is ever read.
 */
export async function getAisParty(options: {
  db: PrismaClient;
  tenantId: string;
  customerId: string;
  account?: { id: string; url: string };
}): Promise<ObParty | undefined> {
  const { db, tenantId, customerId, account } = options;
  const customer = await db.bankCustomer.findFirst({
    where: { id: customerId, tenantId },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      email: true,
      kind: true,
      addressLine1: true,
      city: true,
      postcode: true,
      country: true,
    },
  });
  if (!customer) return undefined;
  const name = fit(holderName(customer), 350);
  const business = customer.kind === "business";
  const legalStructure = business
    ? /\b(ltd|limited)\.?$/i.test(name)
      ? "UK.OBIE.PrivateLimitedCompany"
      : undefined
    : "UK.OBIE.Individual";
  const address =
    customer.addressLine1 || customer.city || customer.postcode
      ? [
          {
            AddressType: business ? ("BIZZ" as const) : ("HOME" as const),
            ...(customer.addressLine1 ? { AddressLine: [fit(customer.addressLine1, 70)] } : {}),
            ...(customer.city ? { TownName: fit(customer.city, 140) } : {}),
            ...(customer.postcode ? { PostCode: fit(customer.postcode, 16) } : {}),
            ...(customer.country && /^[A-Z]{2}$/.test(customer.country) ? { Country: customer.country } : {}),
          },
        ]
      : undefined;
  return {
    PartyId: customer.id,
    PartyType: "Sole",
    Name: name,
    FullLegalName: name,
    ...(legalStructure ? { LegalStructure: legalStructure } : {}),
    ...(account ? { AccountRole: "UK.OBIE.Principal" } : {}),
    EmailAddress: fit(customer.email, 256),
    ...(account ? { Relationships: { Account: { Related: account.url, Id: account.id } } } : {}),
    ...(address ? { Address: address } : {}),
  };
}
