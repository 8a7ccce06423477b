import type { BankConsent, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { FundsConfirmationConsentRequest, FundsConfirmationConsentResponse } from "../../schemas/open-banking/funds-confirmation";
import { ObError } from "./ob-errors";
import { findAccountByReference } from "./vrp-account-identification";
import { NO_EXPIRY, obConsentStatus, obStatusUpdateDateTime } from "./vrp-consent-status";
import { obLink } from "./vrp-consent-dto";

/** OBFundsConfirmationConsentResponse1 of a consent row: the debtor account as the TPP named it. */
export function toFundsConfirmationConsentResponse(row: BankConsent, tenantNow: Date, issuer: string): FundsConfirmationConsentResponse {
  const body = JSON.parse(row.details ?? "{}") as FundsConfirmationConsentRequest;
  return {
    Data: {
      ConsentId: row.id,
      CreationDateTime: row.createdAt.toISOString(),
      Status: obConsentStatus(row, tenantNow),
      StatusUpdateDateTime: obStatusUpdateDateTime(row, tenantNow),
      ...(body.Data.ExpirationDateTime ? { ExpirationDateTime: body.Data.ExpirationDateTime } : {}),
      DebtorAccount: body.Data.DebtorAccount,
    },
    Links: { Self: obLink(issuer, `/cbpii/funds-confirmation-consents/${row.id}`) },
    Meta: {},
  };
}

/**
 * POST /funds-confirmation-consents: the CBPII's consent to ask whether one account has funds,
 * awaiting the customer. The DebtorAccount must be one of the sandbox's accounts (sort code and
 * account number, or IBAN); it becomes the consent's account, which the customer cannot change.
 */
export async function createFundsConfirmationConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  body: FundsConfirmationConsentRequest;
  tenantNow: Date;
  issuer: string;
}): Promise<FundsConfirmationConsentResponse> {
  const { db, tenantId, appId, body, tenantNow, issuer } = options;
  const expiration = body.Data.ExpirationDateTime ? new Date(body.Data.ExpirationDateTime) : null;
  if (expiration && expiration <= tenantNow)
    throw new ObError(
      400,
      "UK.OBIE.Field.InvalidDate",
      "ExpirationDateTime must be in the future (sandbox clock).",
      "Data.ExpirationDateTime",
    );
  const account = await findAccountByReference({ db, tenantId, account: body.Data.DebtorAccount, path: "Data.DebtorAccount" });
  const row = await db.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId,
      appId,
      customerId: null,
      permissions: "[]",
      accountIds: JSON.stringify([account.id]),
      status: "awaiting_authorisation",
      source: "client",
      standard: "uk_open_banking",
      kind: "funds_confirmation",
      details: JSON.stringify(body),
      createdAt: tenantNow,
      statusUpdatedAt: tenantNow,
      expiresAt: expiration ?? NO_EXPIRY,
    },
  });
  return toFundsConfirmationConsentResponse(row, tenantNow, issuer);
}
