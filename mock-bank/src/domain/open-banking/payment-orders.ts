import type { BankConsent, BankPayment, PrismaClient } from "@prisma/client";
import { SETTLEMENT_DELAY_MS } from "../payments/payment-rules";
import { ObError } from "./ob-errors";
import { consentDetails, PAYMENT_KINDS, type PaymentKind, SCHEDULED_KINDS, selfLink } from "./payment-consents";
import { accountRefOf } from "./payment-identification";

/**
 * Payment orders of the UK API are the one domain's payments (BankPayment with `consentId`): their
 * 4.0 status (ISO 20022 codes), reasons, history and the fields every order answer repeats.
 */

/** What a UK payment keeps in BankPayment.details: the initiation it paid, and its file payment. */
export type PaymentOrderDetails = {
  standard: "uk_open_banking";
  kind: PaymentKind;
  Initiation: Record<string, unknown>;
  /** File payments: the submission this payment belongs to, and its place in the file. */
  FilePaymentId?: string;
  index?: number;
};

export const orderDetails = (payment: BankPayment): PaymentOrderDetails => JSON.parse(payment.details ?? "{}") as PaymentOrderDetails;

/** Why a payment failed, as an ISO 20022 status reason. */
const REASONS: Record<string, string> = {
  insufficient_funds: "AM04",
  aml_declined: "RR04",
  account_frozen: "AC06",
  early_withdrawal_not_allowed: "AG01",
};

export type OrderStatus = "PDNG" | "ACSP" | "ACSC" | "ACCC" | "RJCT";

/**
 * The 4.0 status of one payment: `PDNG` scheduled (no money moved yet), `ACSP` in settlement,
 * `ACCC` credited to one of the tenant's accounts, `ACSC` settled and sent to another bank,
 * `RJCT` with its reason. Scheduled payments have no `ACCC` in the standard: they read `ACSC`.
 */
export function orderStatus(payment: BankPayment): {
  Status: OrderStatus;
  at: Date;
  reason?: { code: string; description: string };
} {
  const executedAt = payment.settlesAt ? new Date(payment.settlesAt.getTime() - SETTLEMENT_DELAY_MS) : payment.createdAt;
  switch (payment.status) {
    case "scheduled":
      return { Status: "PDNG", at: payment.createdAt };
    case "pending":
      return { Status: "ACSP", at: executedAt > payment.createdAt ? executedAt : payment.createdAt };
    case "completed": {
      const kind = orderDetails(payment).kind;
      const credited = payment.creditorAccountId !== null && kind !== "domestic_scheduled_payment";
      return { Status: credited ? "ACCC" : "ACSC", at: payment.completedAt ?? payment.createdAt };
    }
    default:
      return {
        Status: "RJCT",
        // A scheduled payment fails at its execution instant, a settling one at its settlement.
        at: payment.settlesAt && payment.settlesAt > payment.createdAt ? payment.settlesAt : payment.createdAt,
        reason: { code: REASONS[payment.failureCode ?? ""] ?? "MS03", description: payment.failureMessage ?? "The payment was rejected." },
      };
  }
}

/** The fields every payment order answer carries after its id. */
export async function orderHead(db: PrismaClient, payment: BankPayment, consent: BankConsent) {
  const { Status, at, reason } = orderStatus(payment);
  const debtor = await accountRefOf(db, payment.tenantId, payment.debtorAccountId);
  const refund =
    consentDetails(consent).Data.ReadRefundAccount === "Yes" && debtor?.Name ? { Account: { ...debtor, Name: debtor.Name } } : undefined;
  return {
    ConsentId: consent.id,
    CreationDateTime: payment.createdAt.toISOString(),
    Status,
    StatusUpdateDateTime: at.toISOString(),
    ...(reason ? { StatusReason: [{ StatusReasonCode: reason.code, StatusReasonDescription: reason.description.slice(0, 500) }] } : {}),
    ...(payment.status === "scheduled" && payment.settlesAt ? { ExpectedExecutionDateTime: payment.settlesAt.toISOString() } : {}),
    ...(payment.status === "pending" && payment.settlesAt ? { ExpectedSettlementDateTime: payment.settlesAt.toISOString() } : {}),
    ...(refund ? { Refund: refund } : {}),
    ...(debtor ? { Debtor: debtor } : {}),
  };
}

/** `payment-details`: each state the payment reached on the sandbox, oldest first. */
export function paymentStatusHistory(payment: BankPayment, localInstrument: string | undefined) {
  const entry = (Status: OrderStatus, at: Date, reason?: { code: string; description: string }) => ({
    PaymentTransactionId: payment.id,
    Status,
    StatusUpdateDateTime: at.toISOString(),
    StatusDetail: {
      ...(localInstrument ? { LocalInstrument: localInstrument } : {}),
      Status,
      ...(reason ? { StatusReason: reason.code, StatusReasonDescription: reason.description.slice(0, 256) } : {}),
    },
  });
  const now = orderStatus(payment);
  const history = [];
  if (payment.status !== "scheduled" && SCHEDULED_KINDS.has(orderDetails(payment).kind)) history.push(entry("PDNG", payment.createdAt));
  if (payment.status === "completed" && payment.scheme !== "instant" && payment.settlesAt)
    history.push(entry("ACSP", new Date(payment.settlesAt.getTime() - SETTLEMENT_DELAY_MS)));
  history.push(entry(now.Status, now.at, now.reason));
  return history;
}

/**
 * One of the app's UK payments of this kind with its consent, or the UK "no such resource" (400).
 * File payments are found by their submission's id instead (see file payments).
 */
export async function getPaymentOrderOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string | null;
  paymentId: string;
  kind: Exclude<PaymentKind, "file_payment">;
}): Promise<{ payment: BankPayment; consent: BankConsent }> {
  const { db, tenantId, appId, paymentId, kind } = options;
  const payment = await db.bankPayment.findFirst({ where: { id: paymentId, tenantId, consentId: { not: null } } });
  const consent = payment?.consentId
    ? await db.bankConsent.findFirst({ where: { id: payment.consentId, tenantId, appId: appId ?? "", standard: "uk_open_banking", kind } })
    : null;
  if (!payment || !consent)
    throw new ObError(400, "UK.OBIE.Resource.NotFound", `No ${PAYMENT_KINDS[kind].label} ${paymentId} for your app.`, "PaymentId");
  return { payment, consent };
}

/** The id field each kind's payment answers carry. */
export const ORDER_ID_FIELDS = {
  domestic_payment: "DomesticPaymentId",
  domestic_scheduled_payment: "DomesticScheduledPaymentId",
  international_payment: "InternationalPaymentId",
  international_scheduled_payment: "InternationalScheduledPaymentId",
} as const;

/** A payment order as its POST and GET answer it. */
export async function paymentOrderAnswer(
  db: PrismaClient,
  payment: BankPayment,
  consent: BankConsent,
  issuer: string,
  kind: keyof typeof ORDER_ID_FIELDS,
  extra: Record<string, unknown> = {},
) {
  return {
    Data: {
      [ORDER_ID_FIELDS[kind]]: payment.id,
      ...(await orderHead(db, payment, consent)),
      ...extra,
      Initiation: orderDetails(payment).Initiation,
    },
    Links: selfLink(issuer, `${PAYMENT_KINDS[kind].payments}/${payment.id}`),
    Meta: {},
  };
}

/** A payment order's `payment-details`. */
export function paymentDetailsAnswer(payment: BankPayment, issuer: string, kind: keyof typeof ORDER_ID_FIELDS) {
  const localInstrument = (orderDetails(payment).Initiation as { LocalInstrument?: string }).LocalInstrument;
  return {
    Data: { PaymentStatus: paymentStatusHistory(payment, localInstrument) },
    Links: selfLink(issuer, `${PAYMENT_KINDS[kind].payments}/${payment.id}/payment-details`),
    Meta: {},
  };
}
