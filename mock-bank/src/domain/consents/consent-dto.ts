import type { Prisma } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";

export const consentSelect = {
  id: true,
  standard: true,
  kind: true,
  customerId: true,
  permissions: true,
  accountIds: true,
  status: true,
  source: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  revokedBy: true,
} as const satisfies Prisma.BankConsentSelect;

type ConsentRow = Prisma.BankConsentGetPayload<{ select: typeof consentSelect }>;

/** A standard's consent without an expiry is stored with this one (the column is required); answers leave it out. */
export const NO_EXPIRY_YEAR = 9999;

export const hasExpiry = (expiresAt: Date) => expiresAt.getUTCFullYear() < NO_EXPIRY_YEAR;

/**
 * `expired` is not stored: it is what a consent still in use (authorised, or awaiting authorisation)
 * is once the tenant clock passes its expiry. Ended consents keep the status they ended with.
 */
export function consentStatus(row: { status: string; expiresAt: Date }, tenantNow: Date): ConsentDto["status"] {
  const open = row.status === "authorised" || row.status === "awaiting_authorisation";
  if (open && row.expiresAt <= tenantNow) return "expired";
  return row.status as ConsentDto["status"];
}

/** The stored statuses a filter on the answer's status reads, with the expiry condition that derives it. */
export function statusWhere(status: ConsentDto["status"], tenantNow: Date): Prisma.BankConsentWhereInput {
  if (status === "expired") return { status: { in: ["authorised", "awaiting_authorisation"] }, expiresAt: { lte: tenantNow } };
  if (status === "authorised" || status === "awaiting_authorisation") return { status, expiresAt: { gt: tenantNow } };
  return { status };
}

const stringArray = (text: string): string[] => {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
};

export function toConsentDto(row: ConsentRow, persona: string | null, tenantNow: Date): ConsentDto {
  const v1 = row.standard === "v1";
  const permissions = stringArray(row.permissions);
  return {
    id: row.id,
    standard: row.standard as ConsentDto["standard"],
    kind: row.kind as ConsentDto["kind"],
    customer_id: row.customerId,
    persona,
    status: consentStatus(row, tenantNow),
    // /v1's permissions are its own enum; a standard's names (ReadBalances, …) are kept apart.
    permissions: v1 ? (permissions as ConsentDto["permissions"]) : [],
    standard_permissions: v1 ? [] : permissions,
    account_ids: stringArray(row.accountIds),
    source: row.source as ConsentDto["source"],
    created_at: row.createdAt.toISOString(),
    expires_at: hasExpiry(row.expiresAt) ? row.expiresAt.toISOString() : null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    revoked_by: row.status === "revoked" ? ((row.revokedBy as ConsentDto["revoked_by"]) ?? null) : null,
  };
}
