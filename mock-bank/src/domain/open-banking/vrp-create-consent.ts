import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { LEDGER_CURRENCIES } from "../ledger/system-accounts";
import type { VrpConsentRequest, VrpConsentResponse } from "../../schemas/open-banking/vrp";
import { ObError } from "./ob-errors";
import { obAmountToMinor } from "./vrp-amount";
import { creditorOf, findAccountByReference } from "./vrp-account-identification";
import { NO_EXPIRY } from "./vrp-consent-status";
import { toVrpConsentResponse } from "./vrp-consent-dto";

const CP = "Data.ControlParameters";

/**
 * The control parameters' own rules, before anything is stored: one currency for every limit
 * (the sandbox's accounts hold one currency each), positive amounts in its precision, no
 * calendar fortnights (the standard requires `Consent` alignment for them), a validity window
 * that ends after it starts and after now (tenant clock).
 */
function checkControlParameters(body: VrpConsentRequest, tenantNow: Date): string {
  const cp = body.Data.ControlParameters;
  const currency = cp.MaximumIndividualAmount.Currency;
  if (!(LEDGER_CURRENCIES as readonly string[]).includes(currency))
    throw new ObError(
      400,
      "UK.OBIE.Unsupported.Currency",
      `The sandbox's accounts hold ${LEDGER_CURRENCIES.join(", ")}.`,
      `${CP}.MaximumIndividualAmount.Currency`,
    );
  obAmountToMinor(cp.MaximumIndividualAmount.Amount, currency, `${CP}.MaximumIndividualAmount.Amount`);
  cp.PeriodicLimits.forEach((limit, index) => {
    const path = `${CP}.PeriodicLimits[${index}]`;
    if (limit.Currency !== currency)
      throw new ObError(
        400,
        "UK.OBIE.Field.Invalid",
        `Every limit is in ${currency}, the MaximumIndividualAmount's currency.`,
        `${path}.Currency`,
      );
    obAmountToMinor(limit.Amount, currency, `${path}.Amount`);
    if (limit.PeriodType === "Fortnight" && limit.PeriodAlignment === "Calendar")
      throw new ObError(
        400,
        "UK.OBIE.Field.Invalid",
        "A Fortnight has no calendar: its PeriodAlignment must be Consent.",
        `${path}.PeriodAlignment`,
      );
  });
  const cumulative = cp.SupplementaryData?.MaximumCumulativeAmount;
  if (cumulative) {
    const path = `${CP}.SupplementaryData.MaximumCumulativeAmount`;
    if (cumulative.Currency !== currency)
      throw new ObError(
        400,
        "UK.OBIE.Field.Invalid",
        `Every limit is in ${currency}, the MaximumIndividualAmount's currency.`,
        `${path}.Currency`,
      );
    obAmountToMinor(cumulative.Amount, currency, `${path}.Amount`);
  }
  const from = cp.ValidFromDateTime ? new Date(cp.ValidFromDateTime) : null;
  const to = cp.ValidToDateTime ? new Date(cp.ValidToDateTime) : null;
  if (to && to <= tenantNow)
    throw new ObError(400, "UK.OBIE.Field.InvalidDate", "ValidToDateTime must be in the future (sandbox clock).", `${CP}.ValidToDateTime`);
  if (from && to && to <= from)
    throw new ObError(400, "UK.OBIE.Field.InvalidDate", "ValidToDateTime must be after ValidFromDateTime.", `${CP}.ValidToDateTime`);
  return currency;
}

/**
 * POST /domestic-vrp-consents: stores the TPP's consent (awaiting the customer) in the one
 * consent store, with its body as accepted. A DebtorAccount named here must be one of the
 * sandbox's current or savings accounts in the limits' currency, and becomes the consent's
 * account (the customer cannot pick another); a CreditorAccount must be payable.
 */
export async function createVrpConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  body: VrpConsentRequest;
  tenantNow: Date;
  issuer: string;
  /** The x-idempotency-key row of this request: linked to the consent in the same transaction. */
  idempotencyKeyId?: string;
}): Promise<VrpConsentResponse> {
  const { db, tenantId, appId, body, tenantNow, issuer, idempotencyKeyId } = options;
  const currency = checkControlParameters(body, tenantNow);
  const initiation = body.Data.Initiation;
  const accountIds: string[] = [];
  if (initiation.DebtorAccount) {
    const path = "Data.Initiation.DebtorAccount";
    const account = await findAccountByReference({ db, tenantId, account: initiation.DebtorAccount, path });
    if (account.type !== "current" && account.type !== "savings")
      throw new ObError(400, "UK.OBIE.Field.Invalid", "Only current and savings accounts make payments.", `${path}.Identification`);
    if (account.currency !== currency)
      throw new ObError(
        400,
        "UK.OBIE.Unsupported.Currency",
        `The debtor account holds ${account.currency}; the limits are in ${currency}.`,
        `${CP}.MaximumIndividualAmount.Currency`,
      );
    accountIds.push(account.id);
  }
  if (initiation.CreditorAccount) creditorOf(initiation.CreditorAccount, "Data.Initiation.CreditorAccount");

  const validTo = body.Data.ControlParameters.ValidToDateTime;
  const id = newId("consent");
  const create = db.bankConsent.create({
    data: {
      id,
      tenantId,
      appId,
      customerId: null,
      permissions: "[]",
      accountIds: JSON.stringify(accountIds),
      status: "awaiting_authorisation",
      source: "client",
      standard: "uk_open_banking",
      kind: "domestic_vrp",
      details: JSON.stringify(body),
      createdAt: tenantNow,
      statusUpdatedAt: tenantNow,
      expiresAt: validTo ? new Date(validTo) : NO_EXPIRY,
    },
  });
  const [row] = idempotencyKeyId
    ? await db.$transaction([create, db.bankIdempotencyKey.update({ where: { id: idempotencyKeyId }, data: { resourceId: id } })])
    : [await create];
  return toVrpConsentResponse({ db, row, tenantNow, issuer });
}
