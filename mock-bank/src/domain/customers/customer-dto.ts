import type { Prisma } from "@prisma/client";
import type { CustomerDto } from "../../schemas/customer";

/** The columns a customer DTO needs, and nothing else (no credit score, income or username). */
export const customerSelect = {
  id: true,
  persona: true,
  givenName: true,
  familyName: true,
  email: true,
  dateOfBirth: true,
  addressLine1: true,
  city: true,
  postcode: true,
  country: true,
  nationalId: true,
  kycStatus: true,
  kycReasons: true,
  screening: true,
  createdAt: true,
} as const satisfies Prisma.BankCustomerSelect;

type CustomerRow = Prisma.BankCustomerGetPayload<{ select: typeof customerSelect }>;

export function toCustomerDto(row: CustomerRow): CustomerDto {
  return {
    id: row.id,
    given_name: row.givenName,
    family_name: row.familyName,
    date_of_birth: row.dateOfBirth.toISOString().slice(0, 10),
    email: row.email,
    address:
      row.addressLine1 && row.postcode && row.country
        ? { line1: row.addressLine1, city: row.city, postcode: row.postcode, country: row.country }
        : null,
    national_id: row.nationalId,
    persona: row.persona,
    kyc: {
      status: row.kycStatus as CustomerDto["kyc"]["status"],
      reasons: JSON.parse(row.kycReasons) as CustomerDto["kyc"]["reasons"],
      screening: row.screening ? (JSON.parse(row.screening) as CustomerDto["kyc"]["screening"]) : null,
    },
    created_at: row.createdAt.toISOString(),
  };
}
