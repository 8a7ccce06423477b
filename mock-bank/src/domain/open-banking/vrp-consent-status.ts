/**
 * UK consent statuses (OBInternalConsentStatus1Code) of the one consent store's rows, for VRP and
 * Confirmation of Funds consents: AWAU awaiting authorisation, AUTH authorised, RJCT rejected,
 * CANC revoked (by the TPP's DELETE, the customer or the developer), EXPD once the tenant clock
 * passes `expiresAt` (VRP: ValidToDateTime; CoF: ExpirationDateTime).
 */
export type ObConsentStatus = "AWAU" | "RJCT" | "AUTH" | "CANC" | "EXPD";

/** `expiresAt` of a consent with no end: the store requires one; answers leave it out. */
export const NO_EXPIRY = new Date("9999-12-31T00:00:00Z");

type Row = { status: string; expiresAt: Date; createdAt: Date; statusUpdatedAt: Date | null };

export function obConsentStatus(row: Row, tenantNow: Date): ObConsentStatus {
  if (row.status === "revoked" || row.status === "consumed") return "CANC";
  if (row.status === "rejected") return "RJCT";
  if (row.expiresAt <= tenantNow) return "EXPD";
  return row.status === "authorised" ? "AUTH" : "AWAU";
}

/** When the status last changed: an expiry happened at `expiresAt`. */
export function obStatusUpdateDateTime(row: Row, tenantNow: Date): string {
  if (obConsentStatus(row, tenantNow) === "EXPD") return row.expiresAt.toISOString();
  return (row.statusUpdatedAt ?? row.createdAt).toISOString();
}
