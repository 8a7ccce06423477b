import type { BankConsent, PrismaClient } from "@prisma/client";
import type { z } from "zod";
import type { OBVRPFundsConfirmationRequest, OBVRPFundsConfirmationResponse } from "../../schemas/open-banking/vrp";
import { ObError } from "./ob-errors";
import { usableVrpConsent } from "./vrp-create-payment";
import { consentAccountId, fundsAvailable, newFundsConfirmationId } from "./vrp-confirm-funds";

/**
 * POST /domestic-vrp-consents/{ConsentId}/funds-confirmation, with the customer's token of that
 * consent: whether the authorised debtor account has the instructed amount available now.
 * Another consent's id is the token's mismatch (403); a consent that is not authorised, the
 * standard's 400 UK.OBIE.Resource.InvalidConsentStatus.
 */
export async function confirmVrpFunds(options: {
  db: PrismaClient;
  consent: BankConsent;
  consentId: string;
  request: z.infer<typeof OBVRPFundsConfirmationRequest>;
  tenantNow: Date;
}): Promise<z.infer<typeof OBVRPFundsConfirmationResponse>> {
  const { db, consent, consentId, request, tenantNow } = options;
  if (consentId !== consent.id)
    throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "The access token is for another consent.", "ConsentId");
  if (request.Data.ConsentId !== consent.id)
    throw new ObError(400, "UK.OBIE.Resource.ConsentMismatch", "Data.ConsentId must be the consent in the path.", "Data.ConsentId");
  usableVrpConsent(consent, tenantNow);
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
      ...(request.Data.Reference ? { Reference: request.Data.Reference } : {}),
      FundsAvailableResult: { FundsAvailableDateTime: tenantNow.toISOString(), FundsAvailable: available ? "Available" : "NotAvailable" },
      InstructedAmount: request.Data.InstructedAmount,
    },
  };
}
