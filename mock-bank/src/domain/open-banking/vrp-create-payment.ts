import type { BankConsent, Prisma, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { formatMinor } from "@openbank/contracts/money";
import { createPayment } from "../payments/create-payment";
import type { VrpConsentRequest, VrpPaymentRequest, VrpPaymentResponse } from "../../schemas/open-banking/vrp";
import { ObError } from "./ob-errors";
import { paymentReference } from "./payment-initiations";
import { obAmountToMinor } from "./vrp-amount";
import { creditorOf, sameAccount } from "./vrp-account-identification";
import { obConsentStatus } from "./vrp-consent-status";
import { vrpConsentBody } from "./vrp-consent-dto";
import { limitInWindow, periodWindow } from "./vrp-periodic-limits";
import { toVrpPaymentResponse, type VrpPaymentDetails } from "./vrp-payment-dto";

const CP = "ControlParameters";

/** Why the payment breaches the consent's control parameters (UK.OBIE.Rules.FailsControlParameters, path = the parameter). */
const fails = (message: string, path: string) => new ObError(400, "UK.OBIE.Rules.FailsControlParameters", message, path);

/** JSON with sorted keys: two objects the standard says must match, compared by value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

/** The consent behind the customer's token, usable for a payment now, or the standard's refusal. */
export function usableVrpConsent(consent: BankConsent, tenantNow: Date): VrpConsentRequest {
  if (consent.standard !== "uk_open_banking" || consent.kind !== "domestic_vrp")
    throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "This access token is not for a domestic VRP consent.");
  const status = obConsentStatus(consent, tenantNow);
  if (status !== "AUTH")
    throw new ObError(
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
      `The consent is ${status}: payments need an authorised (AUTH) consent.`,
      "Data.ConsentId",
    );
  return vrpConsentBody(consent);
}

/** The request's own checks against the consent, before the money moves (no lock needed: the consent's body never changes). */
function checkRequest(request: VrpPaymentRequest, consent: BankConsent, body: VrpConsentRequest, tenantNow: Date) {
  const data = request.Data;
  const cp = body.Data.ControlParameters;
  if (data.ConsentId !== consent.id)
    throw new ObError(400, "UK.OBIE.Resource.ConsentMismatch", "Data.ConsentId is not the consent of this access token.", "Data.ConsentId");
  if (canonical(data.Initiation) !== canonical(body.Data.Initiation))
    throw new ObError(
      400,
      "UK.OBIE.Resource.ConsentMismatch",
      "Data.Initiation must be the consent's Initiation, unchanged.",
      "Data.Initiation",
    );
  if (canonical(request.Risk) !== canonical(body.Risk))
    throw new ObError(400, "UK.OBIE.Resource.ConsentMismatch", "Risk must be the consent's Risk, unchanged.", "Risk");
  const consentCreditor = body.Data.Initiation.CreditorAccount;
  if (consentCreditor && !sameAccount(consentCreditor, data.Instruction.CreditorAccount))
    throw new ObError(
      400,
      "UK.OBIE.Resource.ConsentMismatch",
      "The consent names its CreditorAccount: the instruction must pay that account.",
      "Data.Instruction.CreditorAccount",
    );
  if (!cp.PSUAuthenticationMethods.includes(data.PSUAuthenticationMethod))
    throw fails(
      `PSUAuthenticationMethod must be one of the consent's: ${cp.PSUAuthenticationMethods.join(", ")}.`,
      `${CP}.PSUAuthenticationMethods`,
    );
  if (!cp.VRPType.includes(data.VRPType)) throw fails(`VRPType must be one of the consent's: ${cp.VRPType.join(", ")}.`, `${CP}.VRPType`);
  const interaction = data.PSUInteractionType ?? "OffSession";
  if (cp.PSUInteractionTypes && !cp.PSUInteractionTypes.includes(interaction))
    throw fails(
      `PSUInteractionType ${interaction} is not one of the consent's: ${cp.PSUInteractionTypes.join(", ")}.`,
      `${CP}.PSUInteractionTypes`,
    );
  if (cp.ValidFromDateTime && tenantNow < new Date(cp.ValidFromDateTime))
    throw fails(`The consent allows payments from ${cp.ValidFromDateTime} (sandbox clock).`, `${CP}.ValidFromDateTime`);
  const instructed = data.Instruction.InstructedAmount;
  const currency = cp.MaximumIndividualAmount.Currency;
  if (instructed.Currency !== currency)
    throw new ObError(
      400,
      "UK.OBIE.Unsupported.Currency",
      `The consent's limits are in ${currency}.`,
      "Data.Instruction.InstructedAmount.Currency",
    );
  if (data.Instruction.LocalInstrument && data.Instruction.LocalInstrument !== "UK.OBIE.FPS")
    throw new ObError(
      400,
      "UK.OBIE.Unsupported.LocalInstrument",
      "The sandbox pays VRPs by Faster Payments (UK.OBIE.FPS).",
      "Data.Instruction.LocalInstrument",
    );
  const amount = obAmountToMinor(instructed.Amount, currency, "Data.Instruction.InstructedAmount.Amount");
  const maximum = obAmountToMinor(cp.MaximumIndividualAmount.Amount, currency, `${CP}.MaximumIndividualAmount.Amount`);
  if (amount > maximum)
    throw fails(
      `${formatMinor(amount, currency)} ${currency} is above the consent's MaximumIndividualAmount (${formatMinor(maximum, currency)} ${currency}).`,
      `${CP}.MaximumIndividualAmount`,
    );
  return { amount, currency };
}

/**
 * The limits over time, checked inside the payment's own transaction after locking the consent:
 * the consent row is updated first (still authorised and unexpired), which on PostgreSQL takes
 * its row lock until the commit, and SQLite runs one writer at a time. Two payments racing under
 * one consent therefore see each other, and only those that fit pass. Every PeriodicLimit, then
 * the sandbox's cumulative limits (SupplementaryData).
 */
async function checkLimitsUnderLock(
  tx: Prisma.TransactionClient,
  options: { consent: BankConsent; body: VrpConsentRequest; amount: bigint; tenantNow: Date },
) {
  const { consent, body, amount, tenantNow } = options;
  const locked = await tx.bankConsent.updateMany({
    where: { id: consent.id, tenantId: consent.tenantId, status: "authorised", expiresAt: { gt: tenantNow } },
    data: { status: "authorised" },
  });
  if (locked.count !== 1)
    throw new ObError(400, "UK.OBIE.Resource.InvalidConsentStatus", "The consent is no longer authorised.", "Data.ConsentId");
  const cp = body.Data.ControlParameters;
  const currency = cp.MaximumIndividualAmount.Currency;
  const made = await tx.bankPayment.findMany({
    where: { tenantId: consent.tenantId, consentId: consent.id, status: { not: "failed" } },
    select: { amount: true, createdAt: true },
  });
  const money = (minor: bigint) => `${formatMinor(minor, currency)} ${currency}`;
  cp.PeriodicLimits.forEach((limit, index) => {
    const window = periodWindow(limit.PeriodType, limit.PeriodAlignment, consent.createdAt, tenantNow);
    const allowed = limitInWindow(
      obAmountToMinor(limit.Amount, currency, `${CP}.PeriodicLimits[${index}].Amount`),
      limit.PeriodAlignment,
      consent.createdAt,
      window,
    );
    const spent = made.filter((p) => p.createdAt >= window.start && p.createdAt < window.end).reduce((sum, p) => sum + p.amount, 0n);
    if (spent + amount > allowed)
      throw fails(
        `The ${limit.PeriodType} limit (${limit.PeriodAlignment}) allows ${money(allowed)} from ${window.start.toISOString()} to ${window.end.toISOString()}; ${money(spent)} is already paid, so ${money(amount)} does not fit.`,
        `${CP}.PeriodicLimits[${index}]`,
      );
  });
  const extra = cp.SupplementaryData;
  if (extra?.MaximumCumulativeAmount) {
    const allowed = obAmountToMinor(extra.MaximumCumulativeAmount.Amount, currency, `${CP}.SupplementaryData.MaximumCumulativeAmount`);
    const spent = made.reduce((sum, p) => sum + p.amount, 0n);
    if (spent + amount > allowed)
      throw fails(
        `The consent allows ${money(allowed)} in all; ${money(spent)} is already paid, so ${money(amount)} does not fit.`,
        `${CP}.SupplementaryData.MaximumCumulativeAmount`,
      );
  }
  if (extra?.MaximumCumulativeNumberOfPayments !== undefined && made.length + 1 > extra.MaximumCumulativeNumberOfPayments)
    throw fails(
      `The consent allows ${extra.MaximumCumulativeNumberOfPayments} payments in all, and they have been made.`,
      `${CP}.SupplementaryData.MaximumCumulativeNumberOfPayments`,
    );
}

/** /v1's refusals, in the standard's words and paths. */
function asObError(error: AppError): ObError | AppError {
  const amount = "Data.Instruction.InstructedAmount";
  switch (error.code) {
    case "insufficient_funds":
      return new ObError(400, "UK.OBIE.Rules.InsufficientFunds", error.message, `${amount}.Amount`);
    case "limit_exceeded":
      return new ObError(400, "UK.OBIE.Field.Invalid", error.message, `${amount}.Amount`);
    case "currency_mismatch":
      return new ObError(400, "UK.OBIE.Unsupported.Currency", error.message, `${amount}.Currency`);
    case "invalid_beneficiary":
      return new ObError(400, "UK.OBIE.Field.Invalid", error.message, "Data.Instruction.CreditorAccount");
    case "account_frozen":
    case "early_withdrawal_not_allowed":
    case "deposit_not_accepted":
      return new ObError(400, "UK.OBIE.Field.Invalid", error.message, "Data.Initiation.DebtorAccount");
    default:
      return error;
  }
}

/**
 * POST /domestic-vrps: one payment under an authorised VRP consent, with the customer's token.
 * The request must repeat the consent's Initiation and Risk and stay within its control
 * parameters; the money moves through /v1's payment domain (Faster Payments: `instant`) from
 * the account the customer authorised, as a BankPayment naming the consent, so it shows in
 * /v1/payments and fires the same events. A payment beyond a limit is refused with
 * UK.OBIE.Rules.FailsControlParameters and moves nothing; the consent stays authorised.
 */
export async function createVrpPayment(options: {
  db: PrismaClient;
  tenantId: string;
  consent: BankConsent;
  request: VrpPaymentRequest;
  tenantNow: Date;
  issuer: string;
  idempotencyKeyId?: string;
}): Promise<VrpPaymentResponse> {
  const { db, tenantId, request, tenantNow, issuer } = options;
  const consent = options.consent;
  const body = usableVrpConsent(consent, tenantNow);
  const { amount, currency } = checkRequest(request, consent, body, tenantNow);
  const debtorAccountId = (JSON.parse(consent.accountIds) as string[])[0];
  if (!debtorAccountId)
    throw new ObError(400, "UK.OBIE.Resource.InvalidConsentStatus", "The consent has no debtor account.", "Data.ConsentId");
  const data = request.Data;
  const instruction = data.Instruction;
  const details: VrpPaymentDetails = {
    Initiation: data.Initiation,
    Instruction: instruction,
    PSUAuthenticationMethod: data.PSUAuthenticationMethod,
    PSUInteractionType: data.PSUInteractionType ?? "OffSession",
    VRPType: data.VRPType,
    Risk: request.Risk,
  };
  const reference = paymentReference(instruction) ?? instruction.EndToEndIdentification.trim().slice(0, 35);
  let created;
  try {
    created = await createPayment({
      db,
      tenantId,
      now: tenantNow,
      idempotencyKeyId: options.idempotencyKeyId,
      consentId: consent.id,
      details,
      input: {
        debtor_account_id: debtorAccountId,
        amount: { amount: formatMinor(amount, currency), currency },
        creditor: creditorOf(instruction.CreditorAccount, "Data.Instruction.CreditorAccount"),
        reference: reference || undefined,
        scheme: "instant",
      },
      withinTransaction: (tx) => checkLimitsUnderLock(tx, { consent, body, amount, tenantNow }),
    });
  } catch (error) {
    throw error instanceof AppError ? asObError(error) : error;
  }
  const payment = await db.bankPayment.findUniqueOrThrow({ where: { id: created.id } });
  return toVrpPaymentResponse({ db, payment, consent, issuer });
}
