import type { BankConsent, PrismaClient } from "@prisma/client";
import { currencyExponent, formatMinor } from "@openbank/contracts/money";
import { convert, createFxQuote, quoteRate } from "../fx/create-fx-quote";
import { ibanProblem, PAYMENT_LIMIT_MINOR } from "../payments/payment-rules";
import { FX_CURRENCIES } from "../../schemas/fx";
import type { CreatePaymentInput } from "../../schemas/payment";
import type { ObInternationalInitiationInput } from "../../schemas/open-banking/pis-international";

/** An international initiation, immediate or scheduled (whose EndToEndIdentification is optional). */
type InternationalInitiation = Omit<ObInternationalInitiationInput, "EndToEndIdentification"> & { EndToEndIdentification?: string };
import { ObError } from "./ob-errors";
import { consentDetails, type PaymentConsentDetails } from "./payment-consents";
import { findAccountByRef, IBAN, minorAmount, toCreditor } from "./payment-identification";
import { paymentReference } from "./payment-initiations";

const INITIATION = "Data.Initiation";
const SCHEMES = new Set([
  "UK.OBIE.SWIFT",
  "UK.OBIE.SEPACreditTransfer",
  "UK.OBIE.SEPAInstantCreditTransfer",
  "UK.OBIE.Target2",
  "UK.OBIE.Euro1",
]);
/** The sandbox's own charge type (OB's list has no FX fee): ASPSPs name theirs in their namespace. */
export const FX_FEE_CHARGE_TYPE = "UK.OpenBank.FXFee";

const minorToSell = (buyMinor: bigint, sell: string, buy: string, rate: bigint): bigint => {
  // The smallest sell amount that buys at least `buyMinor` (the quote rounds down, in the bank's favour).
  const sellScale = 10n ** BigInt(currencyExponent(sell));
  const buyScale = 10n ** BigInt(currencyExponent(buy));
  let sellMinor = (buyMinor * 1_000_000n * sellScale + rate * buyScale - 1n) / (rate * buyScale);
  while (convert(sellMinor, sell, buy, rate) < buyMinor) sellMinor += 1n;
  return sellMinor;
};

/**
 * Checks a UK international initiation and prices it with one of the sandbox's firm FX quotes,
 * held until the consent's cut-off (`expiresAt`): the debtor account's currency (the one named, or
 * GBP) is sold for CurrencyOfTransfer. An InstructedAmount in the debtor's currency is what is
 * sold; one in CurrencyOfTransfer is what the beneficiary receives (the debit is priced to buy
 * it). The consent keeps the quote's id, its rate (ExchangeRateInformation) and its fee (Charges).
 */
export async function priceInternationalPayment(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  initiation: InternationalInitiation;
  expiresAt: Date;
}): Promise<NonNullable<PaymentConsentDetails["Bank"]>> {
  const { db, tenantId, now, initiation, expiresAt } = options;
  const debtor = initiation.DebtorAccount
    ? await findAccountByRef(db, tenantId, initiation.DebtorAccount, `${INITIATION}.DebtorAccount`)
    : null;
  if (initiation.DebtorAccount && !debtor)
    throw new ObError(
      400,
      "UK.OBIE.Field.Invalid",
      "DebtorAccount is not one of your sandbox's accounts.",
      `${INITIATION}.DebtorAccount.Identification`,
    );
  const sell = debtor?.currency ?? "GBP";
  const buy = initiation.CurrencyOfTransfer;
  const unsupported = (message: string, path: string) => new ObError(400, "UK.OBIE.Unsupported.Currency", message, path);
  if (!(FX_CURRENCIES as readonly string[]).includes(buy))
    throw unsupported(`The sandbox transfers ${FX_CURRENCIES.filter((c) => c !== sell).join(", ")}.`, `${INITIATION}.CurrencyOfTransfer`);
  if (buy === sell)
    throw unsupported(`The debtor account holds ${sell}: pay ${sell} with domestic-payment-consents.`, `${INITIATION}.CurrencyOfTransfer`);
  const instructed = initiation.InstructedAmount;
  if (instructed.Currency !== sell && instructed.Currency !== buy)
    throw unsupported(
      `InstructedAmount is in the debtor account's currency (${sell}) or in CurrencyOfTransfer (${buy}).`,
      `${INITIATION}.InstructedAmount.Currency`,
    );
  if (initiation.LocalInstrument && !SCHEMES.has(initiation.LocalInstrument))
    throw new ObError(
      400,
      "UK.OBIE.Unsupported.LocalInstrument",
      `International payments run on ${[...SCHEMES].join(", ")}.`,
      `${INITIATION}.LocalInstrument`,
    );
  if (initiation.ChargeBearer && initiation.ChargeBearer !== "BorneByDebtor")
    throw new ObError(
      400,
      "UK.OBIE.Field.Invalid",
      "The sandbox's FX fee is borne by the debtor (BorneByDebtor).",
      `${INITIATION}.ChargeBearer`,
    );
  const rateInfo = initiation.ExchangeRateInformation;
  if (rateInfo?.RateType === "Agreed")
    throw new ObError(
      400,
      "UK.OBIE.Field.Invalid",
      "The sandbox prices international payments itself: send RateType Actual or Indicative, or leave ExchangeRateInformation out.",
      `${INITIATION}.ExchangeRateInformation.RateType`,
    );
  if (rateInfo?.ContractIdentification !== undefined)
    throw new ObError(
      400,
      "UK.OBIE.Field.Unexpected",
      "ContractIdentification goes with an Agreed rate only.",
      `${INITIATION}.ExchangeRateInformation.ContractIdentification`,
    );
  if (rateInfo?.ExchangeRate !== undefined)
    throw new ObError(
      400,
      "UK.OBIE.Field.Unexpected",
      "ExchangeRate goes with an Agreed rate only.",
      `${INITIATION}.ExchangeRateInformation.ExchangeRate`,
    );

  const creditorPath = `${INITIATION}.CreditorAccount`;
  if (initiation.CreditorAccount.SchemeName !== IBAN)
    throw new ObError(
      400,
      "UK.OBIE.Unsupported.AccountIdentifier",
      "International payments go to an IBAN (UK.OBIE.IBAN).",
      `${creditorPath}.SchemeName`,
    );
  const creditor = toCreditor(initiation.CreditorAccount, creditorPath);
  const problem =
    creditor.type === "iban"
      ? (ibanProblem(creditor.iban) ?? (creditor.iban.startsWith("GB") ? "a GB IBAN is paid with domestic-payment-consents" : null))
      : null;
  if (problem) throw new ObError(400, "UK.OBIE.Field.Invalid", `CreditorAccount: ${problem}.`, `${creditorPath}.Identification`);

  const rate = quoteRate(sell, buy);
  const minor = minorAmount(instructed, `${INITIATION}.InstructedAmount`);
  const sellMinor = instructed.Currency === sell ? minor : minorToSell(minor, sell, buy, rate);
  if (sellMinor > PAYMENT_LIMIT_MINOR)
    throw new ObError(
      400,
      "UK.OBIE.Field.Invalid",
      `A single payment may be at most ${formatMinor(PAYMENT_LIMIT_MINOR, sell)} ${sell}.`,
      `${INITIATION}.InstructedAmount.Amount`,
    );
  const quote = await createFxQuote({
    db,
    tenantId,
    now,
    input: { sell: { amount: formatMinor(sellMinor, sell), currency: sell }, buy_currency: buy as (typeof FX_CURRENCIES)[number] },
    expiresAt,
  });
  return {
    quoteId: quote.id,
    ExchangeRateInformation: {
      UnitCurrency: sell,
      ExchangeRate: Number(quote.rate),
      RateType: rateInfo?.RateType ?? "Actual",
      ContractIdentification: quote.id,
      ExpirationDateTime: quote.expires_at,
    },
    Charges: [
      { ChargeBearer: "BorneByDebtor", Type: FX_FEE_CHARGE_TYPE, Amount: { Amount: quote.fee.amount, Currency: quote.fee.currency } },
    ],
  };
}

/** The one domain's international payment of a priced consent: its quote, to the creditor's IBAN. */
export function internationalPaymentInput(
  initiation: InternationalInitiation,
  debtorAccountId: string,
  quoteId: string,
): CreatePaymentInput {
  const reference = paymentReference(initiation);
  return {
    debtor_account_id: debtorAccountId,
    scheme: "international",
    quote_id: quoteId,
    creditor: toCreditor(initiation.CreditorAccount, `${INITIATION}.CreditorAccount`),
    ...(reference ? { reference } : {}),
  };
}

/** A priced consent's FX rate and fee, which its payment order's answers repeat. */
export function quotedPricing(consent: BankConsent) {
  const bank = consentDetails(consent).Bank ?? {};
  return { ExchangeRateInformation: bank.ExchangeRateInformation, Charges: bank.Charges };
}

/**
 * What a priced consent's payment debits (its quote's sell amount plus its fee), given the debtor
 * account's currency: an account in another currency than the quote sells cannot pay it at all.
 */
export async function quotedDebit(options: { db: PrismaClient; tenantId: string; consent: BankConsent }) {
  const { db, tenantId, consent } = options;
  const quote = await db.bankFxQuote.findFirst({ where: { id: consentDetails(consent).Bank?.quoteId ?? "", tenantId } });
  return (currency: string) => (quote && currency === quote.sellCurrency ? quote.sellAmount + quote.fee : BigInt(Number.MAX_SAFE_INTEGER));
}
