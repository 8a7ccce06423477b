import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { formatMinor } from "@openbank/contracts/money";
import { createPayment } from "../payments/create-payment";
import type {
  BulkElementInput,
  BulkPaymentInitiationInput,
  PaymentInitiationInput,
  PaymentProduct,
} from "../../schemas/berlin-group/payments";
import type { CreatePaymentInput } from "../../schemas/payment";
import { BgError, bgErrorAnswer } from "./bg-errors";
import { readDetails, writeDetails, type ExecutionResult } from "./bg-details";
import { routeCreditTransfer } from "./initiate-bg-payment";
import { quoteForCredit } from "./price-cross-border";

/** A statement reference from what the TPP sent: the remittance text, else its end-to-end id (35 characters, no controls). */
function referenceOf(element: BulkElementInput): string | undefined {
  const text = (element.remittanceInformationUnstructured ?? element.endToEndIdentification ?? "")
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, " ")
    .trim()
    .slice(0, 35)
    .trim();
  return text || undefined;
}

/**
 * Executes an authorised payment resource: each credit transfer is a BankPayment made by
 * createPayment under the resource's consent id (so it is in /v1/payments, moves the one ledger
 * and fires payment.* webhooks). A bulk runs its payments in order, each on its own; one that the
 * bank refuses (insufficient funds by now, a frozen account…) is recorded and the rest go on. The
 * resource is then `consumed` (something executed) or `rejected` (nothing did, with the reason).
 */
export async function executeBgPayment(options: { db: PrismaClient; consentId: string; tenantNow: Date }): Promise<void> {
  const { db, consentId, tenantNow } = options;
  const consent = await db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
  if (consent.status !== "authorised") return;
  const { body, state } = readDetails<PaymentInitiationInput | BulkPaymentInitiationInput>(consent.details);
  const product = (state.resourcePath ?? "/payments/sepa-credit-transfers").split("/")[2] as PaymentProduct;
  const bulk = consent.kind === "bulk_payment";
  const elements: BulkElementInput[] = bulk ? (body as BulkPaymentInitiationInput).payments : [body as PaymentInitiationInput];
  const debtorId = (JSON.parse(consent.accountIds) as string[])[0];
  const debtor = await db.bankAccount.findUniqueOrThrow({ where: { id: debtorId }, select: { id: true, iban: true, currency: true } });

  const results: ExecutionResult[] = [];
  for (const [index, element] of elements.entries()) {
    try {
      const route = routeCreditTransfer(product, element, debtor, bulk ? `payments[${index}].` : "");
      const creditor = { type: "iban" as const, iban: element.creditorAccount.iban!, name: element.creditorName };
      const common = { debtor_account_id: debtor.id, creditor, reference: referenceOf(element) };
      let input: CreatePaymentInput;
      if (route.scheme === "international") {
        const quoteId = await quoteForCredit({
          db,
          tenantId: consent.tenantId,
          now: tenantNow,
          sell: debtor.currency,
          buy: route.currency,
          buyMinor: route.minor,
        });
        input = { ...common, scheme: "international", quote_id: quoteId! };
      } else {
        input = {
          ...common,
          scheme: route.scheme,
          amount: { amount: formatMinor(route.minor, debtor.currency), currency: debtor.currency },
        };
      }
      const payment = await createPayment({
        db,
        tenantId: consent.tenantId,
        now: tenantNow,
        input,
        consentId: consent.id,
        details: {
          standard: "berlin_group",
          paymentProduct: product,
          ...(bulk ? { bulkIndex: index } : {}),
          instructedAmount: element.instructedAmount,
          ...(element.endToEndIdentification ? { endToEndIdentification: element.endToEndIdentification } : {}),
          ...(element.instructionIdentification ? { instructionIdentification: element.instructionIdentification } : {}),
          ...(element.remittanceInformationUnstructured
            ? { remittanceInformationUnstructured: element.remittanceInformationUnstructured }
            : {}),
        },
      });
      results.push({ paymentId: payment.id });
    } catch (error) {
      if (!(error instanceof AppError) && !(error instanceof BgError)) throw error;
      const [message] = bgErrorAnswer(error).body.tppMessages;
      results.push({ error: { code: message.code, text: message.text ?? error.message } });
    }
  }

  const executed = results.some((result) => "paymentId" in result);
  const rejection = results.find((result): result is Extract<ExecutionResult, { error: unknown }> => "error" in result)?.error;
  await db.bankConsent.updateMany({
    where: { id: consent.id, status: "authorised" },
    data: {
      status: executed ? "consumed" : "rejected",
      statusUpdatedAt: tenantNow,
      details: writeDetails(body, { ...state, results, ...(!executed && rejection ? { rejection } : {}) }),
    },
  });
}
