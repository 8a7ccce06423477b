import type { Prisma } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import type { PaymentDto } from "../../schemas/payment";

export type PaymentRow = Prisma.BankPaymentGetPayload<object>;

export function toPaymentDto(row: PaymentRow): PaymentDto {
  const fx =
    row.quoteId && row.creditAmount !== null && row.creditCurrency && row.fxRate && row.fee !== null
      ? {
          quote_id: row.quoteId,
          rate: row.fxRate,
          credit_amount: toMoney(row.creditAmount, row.creditCurrency),
          fee: toMoney(row.fee, row.currency),
        }
      : null;
  return {
    id: row.id,
    status: row.status as PaymentDto["status"],
    scheme: row.scheme as PaymentDto["scheme"],
    debtor_account_id: row.debtorAccountId,
    creditor: {
      type: row.creditorType as PaymentDto["creditor"]["type"],
      account_id: row.creditorAccountId,
      name: row.creditorName,
      sort_code: row.creditorSortCode,
      account_number: row.creditorAccountNumber,
      iban: row.creditorIban,
    },
    amount: toMoney(row.amount, row.currency),
    reference: row.reference,
    fx,
    failure: row.failureCode
      ? { code: row.failureCode as NonNullable<PaymentDto["failure"]>["code"], message: row.failureMessage ?? "" }
      : null,
    settles_at: row.settlesAt ? row.settlesAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt ? row.completedAt.toISOString() : null,
  };
}

export function paymentNotFound(paymentId: string) {
  return { code: "resource_not_found" as const, detail: `No payment with id ${paymentId}.` };
}
