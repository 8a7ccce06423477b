import type { BankConsent } from "@prisma/client";
import type { AisPermissionName, ReadConsentResponse } from "../../schemas/open-banking/ais-consent";

/** A consent without an ExpirationDateTime is stored with this expiry and answered without one. */
export const NO_EXPIRY = new Date("9999-12-31T00:00:00.000Z");

/** The UK standard's consent rows of the account information kind. */
export const accountAccessConsents = { standard: "uk_open_banking", kind: "account_access" } as const;

/** What POST accepted, kept in BankConsent.details and repeated by every answer (the standard says not to alter it). */
export type AccountAccessDetails = {
  Data: {
    Permissions: AisPermissionName[];
    ExpirationDateTime?: string;
    TransactionFromDateTime?: string;
    TransactionToDateTime?: string;
  };
  Risk: Record<string, never>;
};

export type AisConsentStatus = ReadConsentResponse["Data"]["Status"];

type Row = Pick<BankConsent, "id" | "status" | "expiresAt" | "createdAt" | "statusUpdatedAt" | "permissions" | "details" | "revokedBy">;

/**
 * The 4.0 status of a consent row: AWAU and AUTH until its expiry passes on the tenant's clock
 * (EXPD, with reason TKXP, as the Read/Write Data API profile says); RJCT and CANC are final.
 */
export function aisConsentStatus(row: Pick<Row, "status" | "expiresAt">, tenantNow: Date): AisConsentStatus {
  if (row.status === "revoked" || row.status === "consumed") return "CANC";
  if (row.status === "rejected") return "RJCT";
  if (row.expiresAt <= tenantNow) return "EXPD";
  return row.status === "authorised" ? "AUTH" : "AWAU";
}

const REVOKED_BY: Record<string, string> = {
  tpp: "The app deleted the consent (DELETE /account-access-consents/{ConsentId}).",
  customer: "The customer revoked the app's access at the bank's connected-apps page.",
  developer: "The developer revoked the consent in the portal.",
  token_replay: "An authorization code or refresh token was used twice, so every token of the consent was revoked.",
};

function statusReason(row: Row, status: AisConsentStatus): ReadConsentResponse["Data"]["StatusReason"] {
  if (status === "EXPD")
    return [{ StatusReasonCode: "TKXP", StatusReasonDescription: "The consent passed its ExpirationDateTime (sandbox clock)." }];
  if (status === "CANC")
    return [{ StatusReasonDescription: REVOKED_BY[row.revokedBy ?? ""] ?? "The consent was revoked; its tokens no longer work." }];
  if (status === "RJCT") return [{ StatusReasonDescription: "The customer declined the consent at the bank." }];
  if (status === "AWAU")
    return [{ StatusReasonDescription: "Waiting for the customer to authorise the consent at the bank (openbanking_intent_id)." }];
  return undefined;
}

export function detailsOf(row: Pick<Row, "details" | "permissions">): AccountAccessDetails {
  if (row.details) return JSON.parse(row.details) as AccountAccessDetails;
  return { Data: { Permissions: JSON.parse(row.permissions) as AisPermissionName[] }, Risk: {} };
}

/** OBReadConsentResponse1 of a row: the accepted body, its id, status and times. */
export function toReadConsentResponse(row: Row, options: { tenantNow: Date; selfUrl: string }): ReadConsentResponse {
  const status = aisConsentStatus(row, options.tenantNow);
  const { Data } = detailsOf(row);
  const reason = statusReason(row, status);
  return {
    Data: {
      ConsentId: row.id,
      CreationDateTime: row.createdAt.toISOString(),
      Status: status,
      ...(reason ? { StatusReason: reason } : {}),
      StatusUpdateDateTime: (status === "EXPD" ? row.expiresAt : (row.statusUpdatedAt ?? row.createdAt)).toISOString(),
      Permissions: JSON.parse(row.permissions) as AisPermissionName[],
      ...(Data.ExpirationDateTime ? { ExpirationDateTime: Data.ExpirationDateTime } : {}),
      ...(Data.TransactionFromDateTime ? { TransactionFromDateTime: Data.TransactionFromDateTime } : {}),
      ...(Data.TransactionToDateTime ? { TransactionToDateTime: Data.TransactionToDateTime } : {}),
    },
    Risk: {},
    Links: { Self: options.selfUrl },
    Meta: {},
  };
}
