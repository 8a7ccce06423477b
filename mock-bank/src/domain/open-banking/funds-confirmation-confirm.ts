import type { BankConsent, PrismaClient } from "@prisma/client";
import type { z } from "zod";
import type { OBFundsConfirmation1, OBFundsConfirmationResponse1 } from "../../schemas/open-banking/funds-confirmation";
import { ObError } from "./ob-errors";
import { obConsentStatus } from "./vrp-consent-status";
import { consentAccountId, fundsAvailable, newFundsConfirmationId } from "./vrp-confirm-funds";

/**
 * POST /funds-confirmations, with the customer's token of an authorised Confirmation of Funds
 * consent: FundsAvailable says whether the consent's account has the amount available now
 * (booked less pending debits, plus the arranged overdraft). Only that account is ever checked:
 * the token reaches nothing else.
 */
export async function confirmFunds(options: {
  db: PrismaClient;
  consent: BankConsent;
  request: z.infer<typeof OBFundsConfirmation1>;
  tenantNow: Date;
}): Promise<z.infer<typeof OBFundsConfirmationResponse1>> {
  const { db, consent, request, tenantNow } = options;
  if (consent.standard !== "uk_open_banking" || consent.kind !== "funds_confirmation")
    throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "This access token is not for a funds confirmation consent.");
  if (request.Data.ConsentId !== consent.id)
    throw new ObError(400, "UK.OBIE.Resource.ConsentMismatch", "Data.ConsentId is not the consent of this access token.", "Data.ConsentId");
  const status = obConsentStatus(consent, tenantNow);
  if (status !== "AUTH")
    throw new ObError(
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
      `The consent is ${status}: funds confirmations need an authorised (AUTH) consent.`,
      "Data.ConsentId",
    );
  const available = await fundsAvailable({
    db,
    tenantId: consent.tenantId,
    accountId: consentAccountId(consent),
    amount: request.Data.InstructedAmount,
    path: "Data.InstructedAmount",
    tenantNow,
  });
  return {
    Data: {
      FundsConfirmationId: newFundsConfirmationId(),
      ConsentId: consent.id,
      CreationDateTime: tenantNow.toISOString(),
      FundsAvailable: available,
      Reference: request.Data.Reference,
      InstructedAmount: request.Data.InstructedAmount,
    },
  };
}
