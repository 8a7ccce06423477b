import type { BankConsent, PrismaClient } from "@prisma/client";
import type { VrpConsentRequest, VrpConsentResponse } from "../../schemas/open-banking/vrp";
import { debtorAccountOf } from "./vrp-account-identification";
import { obConsentStatus, obStatusUpdateDateTime } from "./vrp-consent-status";

/** The consent body as accepted (Data and Risk), which every answer repeats. */
export const vrpConsentBody = (row: Pick<BankConsent, "details">) => JSON.parse(row.details ?? "{}") as VrpConsentRequest;

/** The base of the UK answers' `Links.Self`: the portal's public origin (the authorization server's issuer). */
export const obLink = (issuer: string, path: string) => `${issuer.replace(/\/$/, "")}/open-banking/v4.0${path}`;

/**
 * OBDomesticVRPConsentResponse of a consent row: the control parameters and initiation as the
 * TPP sent them, the status on the tenant's clock and, once the customer authorised it, the
 * debtor account they chose.
 */
export async function toVrpConsentResponse(options: {
  db: PrismaClient;
  row: BankConsent;
  tenantNow: Date;
  issuer: string;
}): Promise<VrpConsentResponse> {
  const { db, row, tenantNow, issuer } = options;
  const body = vrpConsentBody(row);
  const accountIds = JSON.parse(row.accountIds) as string[];
  const debtor = row.customerId && accountIds[0] ? await debtorAccountOf(db, row.tenantId, accountIds[0]) : undefined;
  return {
    Data: {
      ...(body.Data.ReadRefundAccount ? { ReadRefundAccount: body.Data.ReadRefundAccount } : {}),
      ConsentId: row.id,
      CreationDateTime: row.createdAt.toISOString(),
      Status: obConsentStatus(row, tenantNow),
      StatusUpdateDateTime: obStatusUpdateDateTime(row, tenantNow),
      ControlParameters: body.Data.ControlParameters,
      Initiation: body.Data.Initiation,
      ...(debtor ? { DebtorAccount: debtor } : {}),
    },
    Risk: body.Risk,
    Links: { Self: obLink(issuer, `/pisp/domestic-vrp-consents/${row.id}`) },
    Meta: {},
  };
}
