import type { BankConsent, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { ObError } from "./ob-errors";
import { PAYMENT_CONSENT_TTL_MS, SCHEDULED_KINDS, type PaymentConsentDetails, type PaymentKind } from "./payment-consents";
import { findAccountByRef, type ObAccountRef } from "./payment-identification";

/**
 * When a payment consent staged now stops being usable (its CutOffDateTime): 24 hours of the tenant
 * clock, or `Authorisation.CompletionDateTime` when that is earlier (and it must be in the future).
 */
export function paymentConsentExpiry(now: Date, data: Record<string, unknown>): Date {
  const expiresAt = new Date(now.getTime() + PAYMENT_CONSENT_TTL_MS);
  const completion = (data.Authorisation as { CompletionDateTime?: string } | undefined)?.CompletionDateTime;
  if (!completion) return expiresAt;
  const by = new Date(completion);
  if (by <= now)
    throw new ObError(
      400,
      "UK.OBIE.Field.InvalidDate",
      `CompletionDateTime must be in the future (the sandbox clock reads ${now.toISOString()}).`,
      "Data.Authorisation.CompletionDateTime",
    );
  return by < expiresAt ? by : expiresAt;
}

/**
 * Stages a UK payment consent for the customer to authorise: `awaiting_authorisation` in the one
 * consent store, its body kept as accepted (`details`, which its GETs repeat and the bank's consent
 * page summarises). A named DebtorAccount must be one of the tenant's accounts and becomes the
 * consent's account at once (the customer then confirms it rather than choosing). The consent is
 * usable until `Authorisation.CompletionDateTime` or for 24 hours of the tenant clock, whichever
 * is first: its CutOffDateTime. The Idempotency-Key is linked in the same transaction.
 */
export async function createPaymentConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  now: Date;
  kind: PaymentKind;
  body: { Data: PaymentConsentDetails["Data"]; Risk?: Record<string, unknown> };
  /** What the bank adds to the consent (an FX quote, charges). */
  bank?: PaymentConsentDetails["Bank"];
  /** A consent that must end earlier (an FX quote's expiry). */
  expiresAt?: Date;
  idempotencyKeyId?: string;
}): Promise<BankConsent> {
  const { db, tenantId, appId, now, kind, body } = options;
  const initiation = body.Data.Initiation as { DebtorAccount?: ObAccountRef };
  let accountIds: string[] = [];
  if (initiation.DebtorAccount) {
    const path = "Data.Initiation.DebtorAccount";
    const debtor = await findAccountByRef(db, tenantId, initiation.DebtorAccount, path);
    if (!debtor)
      throw new ObError(400, "UK.OBIE.Field.Invalid", "DebtorAccount is not one of your sandbox's accounts.", `${path}.Identification`);
    if (debtor.type !== "current" && debtor.type !== "savings")
      throw new ObError(400, "UK.OBIE.Field.Invalid", "Payments leave current and savings accounts only.", `${path}.Identification`);
    accountIds = [debtor.id];
  }

  let expiresAt = paymentConsentExpiry(now, body.Data);
  if (options.expiresAt && options.expiresAt < expiresAt) expiresAt = options.expiresAt;

  const details: PaymentConsentDetails = {
    Data: body.Data,
    ...(body.Risk ? { Risk: body.Risk } : {}),
    ...(options.bank ? { Bank: options.bank } : {}),
  };
  return db.$transaction(async (tx) => {
    const consent = await tx.bankConsent.create({
      data: {
        id: newId("consent"),
        tenantId,
        appId,
        customerId: null,
        permissions: JSON.stringify(SCHEDULED_KINDS.has(kind) ? ["Create"] : []),
        accountIds: JSON.stringify(accountIds),
        status: "awaiting_authorisation",
        source: "client",
        standard: "uk_open_banking",
        kind,
        details: JSON.stringify(details),
        createdAt: now,
        statusUpdatedAt: now,
        expiresAt,
      },
    });
    if (options.idempotencyKeyId)
      await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: consent.id } });
    return consent;
  });
}
