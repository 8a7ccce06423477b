import type { BankConsent, BankPayment, PrismaClient } from "@prisma/client";
import type { VrpPaymentRequest, VrpPaymentResponse } from "../../schemas/open-banking/vrp";
import { ObError } from "./ob-errors";
import { debtorAccountOf } from "./vrp-account-identification";
import { obLink, vrpConsentBody } from "./vrp-consent-dto";

/** What a VRP payment keeps in BankPayment.details: the request's data the answers repeat. */
export type VrpPaymentDetails = Pick<VrpPaymentRequest["Data"], "Initiation" | "Instruction" | "PSUAuthenticationMethod" | "VRPType"> & {
  PSUInteractionType: "InSession" | "OffSession";
  Risk: VrpPaymentRequest["Risk"];
};

/** The payment's status in the standard's code set: Faster Payments complete at once (ACSC). */
export function vrpPaymentStatus(payment: Pick<BankPayment, "status">): "ACSC" | "ACSP" | "RJCT" {
  return payment.status === "completed" ? "ACSC" : payment.status === "failed" ? "RJCT" : "ACSP";
}

export const vrpStatusUpdateDateTime = (payment: Pick<BankPayment, "completedAt" | "createdAt">) =>
  (payment.completedAt ?? payment.createdAt).toISOString();

/** One of the app's VRP payments, or the profile's 400 UK.OBIE.Resource.NotFound (unknown, another app's, not a VRP). */
export async function findVrpPayment(options: { db: PrismaClient; tenantId: string; appId: string | null; paymentId: string }) {
  const { db, tenantId, appId, paymentId } = options;
  const payment = await db.bankPayment.findFirst({ where: { id: paymentId, tenantId, consentId: { not: null } } });
  const consent =
    payment && appId
      ? await db.bankConsent.findFirst({
          where: { id: payment.consentId!, tenantId, appId, standard: "uk_open_banking", kind: "domestic_vrp" },
        })
      : null;
  if (!payment || !consent)
    throw new ObError(400, "UK.OBIE.Resource.NotFound", `No domestic VRP ${paymentId} for this app.`, "DomesticVRPId");
  return { payment, consent };
}

/** OBDomesticVRPResponse of a payment made under a VRP consent. */
export async function toVrpPaymentResponse(options: {
  db: PrismaClient;
  payment: BankPayment;
  consent: BankConsent;
  issuer: string;
}): Promise<VrpPaymentResponse> {
  const { db, payment, consent, issuer } = options;
  const details = JSON.parse(payment.details ?? "{}") as VrpPaymentDetails;
  const debtor = await debtorAccountOf(db, payment.tenantId, payment.debtorAccountId);
  const refund = vrpConsentBody(consent).Data.ReadRefundAccount === "Yes" && debtor;
  const status = vrpPaymentStatus(payment);
  return {
    Data: {
      DomesticVRPId: payment.id,
      ConsentId: consent.id,
      CreationDateTime: payment.createdAt.toISOString(),
      Status: status,
      ...(status === "RJCT"
        ? {
            StatusReason: [
              { StatusReasonCode: "U042", StatusReasonDescription: (payment.failureMessage ?? "The payment was declined.").slice(0, 500) },
            ],
          }
        : {}),
      StatusUpdateDateTime: vrpStatusUpdateDateTime(payment),
      ExpectedExecutionDateTime: payment.createdAt.toISOString(),
      ...(status === "RJCT"
        ? {}
        : { ExpectedSettlementDateTime: (payment.settlesAt ?? payment.completedAt ?? payment.createdAt).toISOString() }),
      ...(refund ? { Refund: refund } : {}),
      Initiation: details.Initiation,
      Instruction: details.Instruction,
      ...(debtor ? { DebtorAccount: debtor } : {}),
    },
    Risk: details.Risk,
    Links: { Self: obLink(issuer, `/pisp/domestic-vrps/${payment.id}`) },
    Meta: {},
  };
}
