import type { BankConsent, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { ReadConsentInput } from "../../schemas/open-banking/ais-consent";
import { checkAisPermissions } from "./ais-permissions";
import { accountAccessConsents, NO_EXPIRY, type AccountAccessDetails } from "./account-access-consent-dto";
import { ObError } from "./ob-errors";

/**
 * POST /account-access-consents: the app's account-access-consent, awaiting the customer's
 * authorisation (AWAU). No customer and no accounts yet: the customer picks the accounts when they
 * authorise it at the bank. The body is kept as accepted; the expiry runs on the tenant's clock.
 */
export async function createAccountAccessConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  input: ReadConsentInput;
  tenantNow: Date;
}): Promise<BankConsent> {
  const { db, tenantId, appId, input, tenantNow } = options;
  const permissions = [...new Set(input.Data.Permissions)];
  checkAisPermissions(permissions);
  const invalidDate = (message: string, path: string) => new ObError(400, "UK.OBIE.Field.InvalidDate", message, path);
  const expires = input.Data.ExpirationDateTime ? new Date(input.Data.ExpirationDateTime) : NO_EXPIRY;
  if (expires <= tenantNow)
    throw invalidDate(
      `ExpirationDateTime must be in the future (the sandbox clock is at ${tenantNow.toISOString()}).`,
      "Data.ExpirationDateTime",
    );
  const from = input.Data.TransactionFromDateTime;
  const to = input.Data.TransactionToDateTime;
  if (from && to && new Date(from) > new Date(to))
    throw invalidDate("TransactionFromDateTime must not be after TransactionToDateTime.", "Data.TransactionToDateTime");

  const details: AccountAccessDetails = { Data: { ...input.Data, Permissions: permissions }, Risk: {} };
  return db.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId,
      appId,
      customerId: null,
      permissions: JSON.stringify(permissions),
      accountIds: "[]",
      status: "awaiting_authorisation",
      source: "client",
      ...accountAccessConsents,
      details: JSON.stringify(details),
      createdAt: tenantNow,
      statusUpdatedAt: tenantNow,
      expiresAt: expires,
    },
  });
}
