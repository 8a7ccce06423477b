import type { BankConsent, BankPayment, PrismaClient } from "@prisma/client";
import type { CreatePaymentInput } from "../../schemas/payment";
import { createPayment } from "../payments/create-payment";
import { ObError } from "./ob-errors";
import { assertTokenConsent, consentDetails, type PaymentKind, usableConsent } from "./payment-consents";
import { canonicalJson } from "./payment-initiations";
import { toUkPaymentError } from "./payment-identification";
import type { PaymentOrderDetails } from "./payment-orders";

/**
 * Pays a UK payment consent (`POST /domestic-payments`, `/domestic-scheduled-payments`,
 * `/international-payments`) with the customer's token of that consent:
 * - the token's consent is the one named, of the endpoint's kind (else 403 ConsentMismatch);
 * - it is authorised and unexpired on the tenant clock (else 400 InvalidConsentStatus);
 * - `Initiation` and `Risk` equal the consent's (else 400 ConsentMismatch), compared as values;
 * - the money moves through the one domain (createPayment), which marks the consent consumed in
 *   the payment's own transaction: a second submission, even a racing one, is refused.
 * The one domain's refusals come back in UK terms (toUkPaymentError).
 */
export async function createPaymentOrder(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  kind: Exclude<PaymentKind, "file_payment">;
  tokenConsent: BankConsent;
  body: { Data: { ConsentId: string; Initiation: Record<string, unknown> }; Risk?: Record<string, unknown> };
  idempotencyKeyId?: string;
  /** The one domain's payment for this initiation from the consent's debtor account. */
  toPayment: (options: { debtorAccountId: string; consent: BankConsent }) => Promise<{ input: CreatePaymentInput; executeAt?: Date }>;
}): Promise<BankPayment> {
  const { db, tenantId, now, kind, tokenConsent: consent, body } = options;
  assertTokenConsent(consent, body.Data.ConsentId, kind);
  const { debtorAccountId } = usableConsent(consent, now);
  const consented = consentDetails(consent);
  if (canonicalJson(body.Data.Initiation) !== canonicalJson(consented.Data.Initiation))
    throw new ObError(
      400,
      "UK.OBIE.Resource.ConsentMismatch",
      "Initiation differs from the consent's: send it exactly as consented.",
      "Data.Initiation",
    );
  if (canonicalJson(body.Risk ?? {}) !== canonicalJson(consented.Risk ?? {}))
    throw new ObError(400, "UK.OBIE.Resource.ConsentMismatch", "Risk differs from the consent's: send it exactly as consented.", "Risk");

  const { input, executeAt } = await options.toPayment({ debtorAccountId, consent });
  const details: PaymentOrderDetails = { standard: "uk_open_banking", kind, Initiation: consented.Data.Initiation };
  try {
    const payment = await createPayment({
      db,
      tenantId,
      now,
      input,
      idempotencyKeyId: options.idempotencyKeyId,
      consentId: consent.id,
      consumeConsent: true,
      details,
      executeAt,
    });
    return await db.bankPayment.findUniqueOrThrow({ where: { id: payment.id } });
  } catch (error) {
    throw toUkPaymentError(error);
  }
}
