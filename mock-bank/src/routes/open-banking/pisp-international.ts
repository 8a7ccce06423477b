import type { BankConsent, PrismaClient } from "@prisma/client";
import { paymentConsentExpiry } from "../../domain/open-banking/create-payment-consent";
import { consentDetails } from "../../domain/open-banking/payment-consents";
import {
  internationalPaymentInput,
  priceInternationalPayment,
  quotedDebit,
  quotedPricing,
} from "../../domain/open-banking/price-international-payment";
import {
  ObWriteInternational,
  ObWriteInternationalConsent,
  ObWriteInternationalConsentResponse,
  ObWriteInternationalResponse,
} from "../../schemas/open-banking/pis-international";
import { paymentKindRoutes } from "./pisp-payment-kind";

type InternationalInitiation = Parameters<typeof internationalPaymentInput>[0];

/**
 * The international kinds (immediate and scheduled) price each consent with one of the sandbox's
 * firm FX quotes, held until the consent's cut-off; its payment pays that quote (a /v1
 * `international` payment), and the payment's answers repeat the rate and fee (quotedPricing).
 */
export async function priceQuotedConsent(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  body: { Data: Record<string, unknown> & { Initiation: InternationalInitiation } };
}) {
  const { db, tenantId, now, body } = options;
  const expiresAt = paymentConsentExpiry(now, body.Data);
  const bank = await priceInternationalPayment({ db, tenantId, now, initiation: body.Data.Initiation, expiresAt });
  return { bank, expiresAt };
}

/** The one domain's payment of a priced consent: its quote, to the creditor's IBAN. */
export const quotedPaymentInput = (initiation: InternationalInitiation, debtorAccountId: string, consent: BankConsent) =>
  internationalPaymentInput(initiation, debtorAccountId, consentDetails(consent).Bank!.quoteId!);

/** International payments: priced at once, paid at the quoted rate, settled a day later. */
const pispInternational = paymentKindRoutes({
  kind: "international_payment",
  consent: { request: ObWriteInternationalConsent, response: ObWriteInternationalConsentResponse },
  payment: { request: ObWriteInternational, response: ObWriteInternationalResponse },
  docs: {
    createConsent: {
      description:
        "Stages an international payment to a non-GB IBAN for the customer to authorise, priced at once with a firm FX quote of the sandbox (its rate in `ExchangeRateInformation`, `ContractIdentification` the quote's `fxq_…` id; its fee in `Charges`), held until the consent's `CutOffDateTime`. The debtor sells its account's currency (GBP unless `DebtorAccount` names another). `x-idempotency-key` is required.",
      created: "The consent, `AWAU`, with its rate.",
    },
    getConsent: "The consent as staged, with its status, rate and fee and, once authorised, the debtor.",
    pay: {
      description:
        "Pays an authorised consent with the customer's token of that consent, at the consent's quoted rate: the debtor pays the quote's sell amount and fee; the payment settles a day later on the sandbox clock (`ACSP`, then `ACSC`). Refused once the consent's cut-off has passed. `x-idempotency-key` is required.",
      created: "The payment order.",
    },
    getPayment: {
      description: "The payment order with its current status: `ACSP` until it settles a day later on the sandbox clock, then `ACSC`.",
      ok: "The payment order.",
    },
    paymentDetails: "Each status the payment reached.",
  },
  priceConsent: priceQuotedConsent,
  fundsConfirmation: {
    description:
      "With the customer's token of this consent, once authorised: whether the debtor account's available balance covers what the payment debits (the quote's sell amount plus its fee).",
    required: quotedDebit,
  },
  toPayment: (body, { debtorAccountId, consent }) => ({ input: quotedPaymentInput(body.Data.Initiation, debtorAccountId, consent) }),
  orderExtra: quotedPricing,
});

export default pispInternational;
