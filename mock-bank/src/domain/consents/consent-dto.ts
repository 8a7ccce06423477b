import type { Prisma } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";

export const consentSelect = {
  id: true,
  customerId: true,
  permissions: true,
  accountIds: true,
  status: true,
  source: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
} as const satisfies Prisma.BankConsentSelect;

type ConsentRow = Prisma.BankConsentGetPayload<{ select: typeof consentSelect }>;

/** /v1 lists and manages the consents made through /v1 (the standards' consents have their own shapes). */
export const v1Consents = { standard: "v1" } as const;

/** `expired` is not stored: it is what an authorised consent is once the tenant clock passes its expiry. */
export function consentStatus(row: { status: string; expiresAt: Date }, tenantNow: Date): ConsentDto["status"] {
  if (row.status === "revoked") return "revoked";
  return row.expiresAt <= tenantNow ? "expired" : "authorised";
}

export function toConsentDto(row: ConsentRow, persona: string | null, tenantNow: Date): ConsentDto {
  return {
    id: row.id,
    customer_id: row.customerId!,
    persona,
    status: consentStatus(row, tenantNow),
    permissions: JSON.parse(row.permissions) as ConsentDto["permissions"],
    account_ids: JSON.parse(row.accountIds) as string[],
    source: row.source as ConsentDto["source"],
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
