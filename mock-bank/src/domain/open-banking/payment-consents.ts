import type { BankConsent, PrismaClient } from "@prisma/client";
import { ObError } from "./ob-errors";
import { accountRefOf } from "./payment-identification";

/**
 * UK Open Banking payment consents in the one consent store (BankConsent, standard
 * `uk_open_banking`): their kinds, how they read back (status, reason, debtor) and who may use them.
 */

export const PIS_BASE_PATH = "/open-banking/v4.0/pisp";

/** The payment consent kinds this API makes, with the path of each kind's consents and payments. */
export const PAYMENT_KINDS = {
  domestic_payment: { consents: "domestic-payment-consents", payments: "domestic-payments", label: "domestic payment" },
  domestic_scheduled_payment: {
    consents: "domestic-scheduled-payment-consents",
    payments: "domestic-scheduled-payments",
    label: "domestic scheduled payment",
  },
  international_payment: {
    consents: "international-payment-consents",
    payments: "international-payments",
    label: "international payment",
  },
  international_scheduled_payment: {
    consents: "international-scheduled-payment-consents",
    payments: "international-scheduled-payments",
    label: "international scheduled payment",
  },
  file_payment: { consents: "file-payment-consents", payments: "file-payments", label: "file payment" },
} as const;

/** Kinds whose consents carry `Permission: Create` and whose payments wait for a date. */
export const SCHEDULED_KINDS: ReadonlySet<string> = new Set(["domestic_scheduled_payment", "international_scheduled_payment"]);

export type PaymentKind = keyof typeof PAYMENT_KINDS;

/** A payment consent stays usable this long on the tenant clock (or until its Authorisation.CompletionDateTime). */
export const PAYMENT_CONSENT_TTL_MS = 24 * 60 * 60 * 1000;

/** What a payment consent keeps in `details`: the request as accepted, and what the bank added (FX quote, file). */
export type PaymentConsentDetails = {
  Data: Record<string, unknown> & { Initiation: Record<string, unknown> };
  Risk?: Record<string, unknown>;
  Bank?: {
    /** International: the FX quote the consent was priced with (fxq_…), paid by its payment. */
    quoteId?: string;
    ExchangeRateInformation?: Record<string, unknown>;
    Charges?: Record<string, unknown>[];
    /** File payments: when the file was uploaded, and the submission made from it. */
    fileUploadedAt?: string;
    FilePaymentId?: string;
    filePaymentCreatedAt?: string;
  };
};

export const consentDetails = (consent: BankConsent): PaymentConsentDetails => JSON.parse(consent.details ?? "{}") as PaymentConsentDetails;

export const selfLink = (issuer: string, path: string) => ({ Self: `${issuer}${PIS_BASE_PATH}/${path}` });

/** One of the app's payment consents of this kind, or the UK "no such resource" (400, as the profile wants for an unknown id). */
export async function getPaymentConsentOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string | null;
  consentId: string;
  kind: PaymentKind;
}): Promise<BankConsent> {
  const { db, tenantId, appId, consentId, kind } = options;
  const consent = appId
    ? await db.bankConsent.findFirst({ where: { id: consentId, tenantId, appId, standard: "uk_open_banking", kind } })
    : null;
  if (!consent)
    throw new ObError(400, "UK.OBIE.Resource.NotFound", `No ${PAYMENT_KINDS[kind].label} consent ${consentId} for your app.`, "ConsentId");
  return consent;
}

const expired = (consent: BankConsent, now: Date) => consent.expiresAt <= now;

type ConsentStatus = "AWAU" | "AWUP" | "AUTH" | "RJCT" | "COND";

/**
 * The 4.0 consent status (ISO codes) and its reason. Expiry is read on the tenant clock: a consent
 * not used in time reads `RJCT` with `DS24` (waiting time expired).
 */
export function consentStatus(
  consent: BankConsent,
  now: Date,
): { Status: ConsentStatus; StatusReason?: { StatusReasonCode: string; StatusReasonDescription: string }[] } {
  const reason = (StatusReasonCode: string, StatusReasonDescription: string) => [{ StatusReasonCode, StatusReasonDescription }];
  switch (consent.status) {
    case "consumed":
      return { Status: "COND" };
    case "rejected":
      return { Status: "RJCT", StatusReason: reason("U037", "The customer did not authorise the consent.") };
    case "revoked":
      return {
        Status: "RJCT",
        StatusReason: reason("DS02", `The consent was revoked${consent.revokedBy ? ` by the ${consent.revokedBy}` : ""}.`),
      };
    case "authorised":
      return expired(consent, now)
        ? {
            Status: "RJCT",
            StatusReason: reason("DS24", `The consent expired unused at ${consent.expiresAt.toISOString()} (sandbox clock).`),
          }
        : { Status: "AUTH" };
    default:
      if (expired(consent, now))
        return {
          Status: "RJCT",
          StatusReason: reason("DS24", `The consent was not authorised before ${consent.expiresAt.toISOString()} (sandbox clock).`),
        };
      // A file consent waits for its file before the customer can authorise it.
      if (consent.kind === "file_payment" && consent.file === null) return { Status: "AWUP" };
      return { Status: "AWAU" };
  }
}

/** The debtor account chosen at authorisation (or named by the consent), as the answers show it. */
export async function consentDebtor(db: PrismaClient, consent: BankConsent) {
  const [accountId] = JSON.parse(consent.accountIds) as string[];
  if (!accountId || consent.status === "awaiting_authorisation") return undefined;
  return (await accountRefOf(db, consent.tenantId, accountId)) ?? undefined;
}

/** The fields every payment consent answer starts with. */
export async function consentHead(db: PrismaClient, consent: BankConsent, now: Date) {
  const { Status, StatusReason } = consentStatus(consent, now);
  return {
    ConsentId: consent.id,
    CreationDateTime: consent.createdAt.toISOString(),
    Status,
    ...(StatusReason ? { StatusReason } : {}),
    StatusUpdateDateTime: (consent.statusUpdatedAt ?? consent.createdAt).toISOString(),
  };
}

/**
 * A customer's token may act on its own consent only, of the endpoint's kind: another consent's
 * id, or a consent of another kind, is refused as ConsentMismatch (403).
 */
export function assertTokenConsent(tokenConsent: BankConsent, consentId: string, kind: PaymentKind): void {
  if (tokenConsent.id !== consentId)
    throw new ObError(
      403,
      "UK.OBIE.Resource.ConsentMismatch",
      `The access token was issued for consent ${tokenConsent.id}, not ${consentId}.`,
      "Data.ConsentId",
    );
  if (tokenConsent.kind !== kind)
    throw new ObError(
      403,
      "UK.OBIE.Resource.ConsentMismatch",
      `The access token's consent is a ${tokenConsent.kind.replaceAll("_", " ")} consent; this endpoint takes a ${PAYMENT_KINDS[kind].label} consent.`,
    );
}

/** An authorised, unexpired consent with its debtor account, or the UK refusal (400 InvalidConsentStatus). */
export function usableConsent(consent: BankConsent, now: Date): { debtorAccountId: string } {
  const { Status } = consentStatus(consent, now);
  const [debtorAccountId] = JSON.parse(consent.accountIds) as string[];
  if (Status !== "AUTH" || !debtorAccountId) {
    const why =
      Status === "COND"
        ? "has already been used by a payment"
        : Status === "RJCT"
          ? "is rejected, revoked or expired"
          : "is not authorised yet";
    throw new ObError(400, "UK.OBIE.Resource.InvalidConsentStatus", `Consent ${consent.id} ${why} (status ${Status}).`, "Data.ConsentId");
  }
  return { debtorAccountId };
}

/** `expiresAt` of a consent without an end (the store needs one). */
const NO_EXPIRY = Date.parse("9999-01-01T00:00:00Z");

/** A payment consent as its GET (and its POST) answer it: the request as accepted, with the bank's fields. */
export async function paymentConsentAnswer(db: PrismaClient, consent: BankConsent, now: Date, issuer: string) {
  const details = consentDetails(consent);
  const bank = details.Bank ?? {};
  const execution = (details.Data.Initiation as { RequestedExecutionDateTime?: string }).RequestedExecutionDateTime;
  const debtor = await consentDebtor(db, consent);
  return {
    Data: {
      ...(await consentHead(db, consent, now)),
      ...(consent.expiresAt.getTime() < NO_EXPIRY ? { CutOffDateTime: consent.expiresAt.toISOString() } : {}),
      // A file consent's answer has no expected dates in the standard.
      ...(execution && consent.kind !== "file_payment" ? { ExpectedExecutionDateTime: new Date(execution).toISOString() } : {}),
      ...details.Data,
      ...(bank.Charges ? { Charges: bank.Charges } : {}),
      ...(bank.ExchangeRateInformation ? { ExchangeRateInformation: bank.ExchangeRateInformation } : {}),
      ...(debtor ? { Debtor: debtor } : {}),
    },
    ...(details.Risk ? { Risk: details.Risk } : {}),
    Links: selfLink(issuer, `${PAYMENT_KINDS[consent.kind as PaymentKind].consents}/${consent.id}`),
    Meta: {},
  };
}
