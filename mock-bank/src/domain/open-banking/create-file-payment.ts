import type { BankConsent, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { ObFileInitiationInput } from "../../schemas/open-banking/pis-file";
import { consumeConsent } from "../consents/consume-consent";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { preparePayment, writePayment, type PreparedPayment } from "../payments/create-payment";
import { executeScheduledPayments } from "../payments/execute-scheduled-payments";
import { ObError } from "./ob-errors";
import { assertTokenConsent, consentDetails, usableConsent } from "./payment-consents";
import { toUkPaymentError } from "./payment-identification";
import { canonicalJson, domesticPaymentInput } from "./payment-initiations";
import type { PaymentOrderDetails } from "./payment-orders";
import { filePath, parsePaymentFile } from "./upload-payment-file";

/**
 * Pays a file consent (`POST /file-payments`), with the customer's token of that consent, once it
 * is authorised and its file uploaded; `Initiation` as consented. Every payment of the file becomes
 * one of the one domain's payments (BankPayment with the consent's id) from the consent's debtor
 * account, checked first (a payment the bank could never make refuses the whole file, and nothing
 * is written). Then, in ONE transaction, the consent is consumed and all the payments are written,
 * due at RequestedExecutionDateTime (or now); the due ones then execute one by one through the
 * ledger. A payment the account cannot cover then is rejected on its own (`AM04`), the others are
 * made: the report file says what became of each. Returns the file payment's id.
 */
export async function createFilePayment(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  tokenConsent: BankConsent;
  body: { Data: { ConsentId: string; Initiation: Record<string, unknown> } };
  idempotencyKeyId?: string;
}): Promise<string> {
  const { db, tenantId, now, tokenConsent: consent, body } = options;
  assertTokenConsent(consent, body.Data.ConsentId, "file_payment");
  const { debtorAccountId } = usableConsent(consent, now);
  const details = consentDetails(consent);
  if (canonicalJson(body.Data.Initiation) !== canonicalJson(details.Data.Initiation))
    throw new ObError(
      400,
      "UK.OBIE.Resource.ConsentMismatch",
      "Initiation differs from the consent's: send it exactly as consented.",
      "Data.Initiation",
    );
  if (consent.file === null)
    throw new ObError(
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
      `Consent ${consent.id} has no file: upload it first.`,
      "Data.ConsentId",
    );
  const initiation = details.Data.Initiation as ObFileInitiationInput;
  const requested = initiation.RequestedExecutionDateTime ? new Date(initiation.RequestedExecutionDateTime) : null;
  const executeAt = requested && requested > now ? requested : now;

  await ensureLedger(db, tenantId);
  const filePaymentId = newId("filePayment");
  const payments = parsePaymentFile(consent.file).Data.DomesticPayments;
  const prepared: PreparedPayment[] = [];
  for (const [index, payment] of payments.entries()) {
    const paymentDetails: PaymentOrderDetails = {
      standard: "uk_open_banking",
      kind: "file_payment",
      Initiation: payment,
      FilePaymentId: filePaymentId,
      index,
    };
    try {
      prepared.push(
        await preparePayment({
          db,
          tenantId,
          now,
          input: domesticPaymentInput(
            { ...payment, LocalInstrument: payment.LocalInstrument ?? initiation.LocalInstrument },
            debtorAccountId,
            filePath(index),
          ),
          consentId: consent.id,
          details: paymentDetails,
          executeAt,
          deferred: true,
        }),
      );
    } catch (error) {
      const mapped = toUkPaymentError(error, `${filePath(index)}.`);
      throw mapped instanceof ObError && mapped.path?.startsWith(`${filePath(index)}.Data.Initiation`)
        ? new ObError(
            mapped.status,
            mapped.code,
            `Payment ${index + 1} of the file: ${mapped.message}`,
            mapped.path.replace(".Data.Initiation", ""),
          )
        : mapped;
    }
  }

  try {
    await moneyTransaction(db, async (tx) => {
      await consumeConsent(tx, { tenantId, consentId: consent.id, now });
      for (const payment of prepared) await writePayment(tx, payment, { tenantId, now });
      const bank = { ...details.Bank, FilePaymentId: filePaymentId, filePaymentCreatedAt: now.toISOString() };
      await tx.bankConsent.update({ where: { id: consent.id }, data: { details: JSON.stringify({ ...details, Bank: bank }) } });
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: filePaymentId } });
    });
  } catch (error) {
    throw toUkPaymentError(error);
  }
  await executeScheduledPayments({ db, tenantId, now, consentId: consent.id });
  return filePaymentId;
}
