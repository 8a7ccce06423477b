import type { BankConsent, BankPayment, PrismaClient } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import { ObError } from "./ob-errors";
import { consentDebtor, consentDetails, selfLink } from "./payment-consents";
import { orderDetails, orderStatus } from "./payment-orders";

/** One of the app's file payments (by its submission's id) with its consent and payments, in file order. */
export async function getFilePaymentOrThrow(options: { db: PrismaClient; tenantId: string; appId: string | null; filePaymentId: string }) {
  const { db, tenantId, appId, filePaymentId } = options;
  const consent = /^fpy_[0-9A-Za-z]{22}$/.test(filePaymentId)
    ? await db.bankConsent.findFirst({
        where: {
          tenantId,
          appId: appId ?? "",
          standard: "uk_open_banking",
          kind: "file_payment",
          details: { contains: `"FilePaymentId":"${filePaymentId}"` },
        },
      })
    : null;
  if (!consent) throw new ObError(400, "UK.OBIE.Resource.NotFound", `No file payment ${filePaymentId} for your app.`, "FilePaymentId");
  const payments = (await db.bankPayment.findMany({ where: { tenantId, consentId: consent.id } })).sort(
    (a, b) => (orderDetails(a).index ?? 0) - (orderDetails(b).index ?? 0),
  );
  return { consent, payments, filePaymentId };
}

/** `PDNG` while any payment waits for its date, `INFA` when none could be made, else `INCO`. */
function fileStatus(payments: BankPayment[]): "PDNG" | "INFA" | "INCO" {
  if (payments.some((payment) => payment.status === "scheduled")) return "PDNG";
  if (payments.length > 0 && payments.every((payment) => payment.status === "failed")) return "INFA";
  return "INCO";
}

/** A file payment as its POST and GET answer it. */
export async function filePaymentAnswer(
  db: PrismaClient,
  found: { consent: BankConsent; payments: BankPayment[]; filePaymentId: string },
  issuer: string,
) {
  const { consent, payments, filePaymentId } = found;
  const details = consentDetails(consent);
  const createdAt = details.Bank?.filePaymentCreatedAt ?? consent.statusUpdatedAt?.toISOString() ?? consent.createdAt.toISOString();
  const status = fileStatus(payments);
  const updatedAt = payments.reduce((latest, payment) => {
    const at = orderStatus(payment).at.toISOString();
    return at > latest ? at : latest;
  }, createdAt);
  const rejected = payments.filter((payment) => payment.status === "failed").length;
  const debtor = await consentDebtor(db, consent);
  return {
    Data: {
      FilePaymentId: filePaymentId,
      ConsentId: consent.id,
      CreationDateTime: createdAt,
      Status: status,
      StatusUpdateDateTime: updatedAt,
      ...(rejected && status !== "INFA"
        ? { StatusReason: [{ StatusReasonDescription: `${rejected} of ${payments.length} payments were rejected: see the report file.` }] }
        : {}),
      Initiation: details.Data.Initiation,
      ...(debtor ? { Debtor: debtor } : {}),
    },
    Links: selfLink(issuer, `file-payments/${filePaymentId}`),
    Meta: {},
  };
}

/** `payment-details` of a file payment: each payment's current status. */
export function filePaymentDetails(found: { payments: BankPayment[]; filePaymentId: string }, issuer: string) {
  return {
    Data: {
      PaymentStatus: found.payments.map((payment) => {
        const { Status, at, reason } = orderStatus(payment);
        return {
          PaymentTransactionId: payment.id,
          Status,
          StatusUpdateDateTime: at.toISOString(),
          StatusDetail: {
            Status,
            ...(reason ? { StatusReason: reason.code, StatusReasonDescription: reason.description.slice(0, 256) } : {}),
          },
        };
      }),
    },
    Links: selfLink(issuer, `file-payments/${found.filePaymentId}/payment-details`),
    Meta: {},
  };
}

/** The report file: each payment of the file, in file order, and what became of it. */
export function filePaymentReport(found: { consent: BankConsent; payments: BankPayment[]; filePaymentId: string }) {
  const { consent, payments, filePaymentId } = found;
  const initiation = consentDetails(consent).Data.Initiation as { FileReference?: string };
  const rows = payments.map((payment) => {
    const { Status, at, reason } = orderStatus(payment);
    const paid = orderDetails(payment).Initiation as {
      InstructionIdentification: string;
      EndToEndIdentification: string;
      CreditorAccount: { Name: string };
    };
    return {
      Index: orderDetails(payment).index ?? 0,
      PaymentId: payment.id,
      InstructionIdentification: paid.InstructionIdentification,
      EndToEndIdentification: paid.EndToEndIdentification,
      InstructedAmount: (({ amount, currency }) => ({ Amount: amount, Currency: currency }))(toMoney(payment.amount, payment.currency)),
      CreditorName: paid.CreditorAccount.Name,
      Status,
      StatusUpdateDateTime: at.toISOString(),
      ...(reason ? { StatusReason: { StatusReasonCode: reason.code, StatusReasonDescription: reason.description } } : {}),
    };
  });
  const total = payments.reduce((sum, payment) => sum + payment.amount, 0n);
  return {
    Data: {
      FilePaymentId: filePaymentId,
      ConsentId: consent.id,
      ...(initiation.FileReference ? { FileReference: initiation.FileReference } : {}),
      NumberOfTransactions: String(payments.length),
      ControlSum: Number(total) / 100,
      Summary: {
        Accepted: rows.filter((row) => row.Status !== "RJCT" && row.Status !== "PDNG").length,
        Rejected: rows.filter((row) => row.Status === "RJCT").length,
        Pending: rows.filter((row) => row.Status === "PDNG").length,
      },
      Payments: rows,
    },
  };
}
