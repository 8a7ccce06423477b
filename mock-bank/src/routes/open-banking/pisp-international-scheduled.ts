import { checkExecutionDate } from "../../domain/open-banking/payment-initiations";
import { quotedDebit, quotedPricing } from "../../domain/open-banking/price-international-payment";
import {
  ObWriteInternationalScheduled,
  ObWriteInternationalScheduledConsent,
  ObWriteInternationalScheduledConsentResponse,
  ObWriteInternationalScheduledResponse,
} from "../../schemas/open-banking/pis-international";
import { priceQuotedConsent, quotedPaymentInput } from "./pisp-international";
import { paymentKindRoutes } from "./pisp-payment-kind";

/**
 * International scheduled payments: priced as international payments are (a firm FX quote when the
 * consent is staged, paid when the payment is submitted), executed as scheduled payments are: the
 * money leaves on RequestedExecutionDateTime of the tenant's clock, then settles a day later.
 */
const pispInternationalScheduled = paymentKindRoutes({
  kind: "international_scheduled_payment",
  consent: { request: ObWriteInternationalScheduledConsent, response: ObWriteInternationalScheduledConsentResponse },
  payment: { request: ObWriteInternationalScheduled, response: ObWriteInternationalScheduledResponse },
  docs: {
    createConsent: {
      description:
        "Stages a future-dated international payment to a non-GB IBAN for the customer to authorise: `RequestedExecutionDateTime` in the future of the sandbox clock, at most a year ahead. Priced at once with a firm FX quote of the sandbox (`ExchangeRateInformation`, its fee in `Charges`): the payment must be submitted by the consent's `CutOffDateTime`, and executes at that rate on its date. `x-idempotency-key` is required.",
      created: "The consent, `AWAU`, with its rate.",
    },
    getConsent: "The consent as staged, with its status, rate, fee and execution date and, once authorised, the debtor.",
    pay: {
      description:
        "Schedules an authorised consent's payment with the customer's token of that consent, at the consent's quoted rate: `PDNG` until the sandbox clock reaches `RequestedExecutionDateTime`, when the quote's sell amount and fee leave the debtor account (`ACSP`, settled a day later: `ACSC`), or the payment is rejected if the account cannot pay then (`RJCT`, `AM04`). Refused once the consent's cut-off has passed. `x-idempotency-key` is required.",
      created: "The payment order.",
    },
    getPayment: {
      description:
        "The scheduled payment with its current status: `PDNG` until its date, `ACSP` until it settles a day later, then `ACSC`; or `RJCT`.",
      ok: "The payment order.",
    },
    paymentDetails: "Each status the scheduled payment reached: `PDNG`, then its execution's.",
  },
  checkConsent: (body, now) => checkExecutionDate(body.Data.Initiation.RequestedExecutionDateTime, now),
  priceConsent: priceQuotedConsent,
  fundsConfirmation: {
    description:
      "With the customer's token of this consent, once authorised: whether the debtor account's available balance covers what the payment debits (the quote's sell amount plus its fee).",
    required: quotedDebit,
  },
  toPayment: ({ Data: { Initiation } }, { debtorAccountId, consent }) => ({
    input: quotedPaymentInput(Initiation, debtorAccountId, consent),
    executeAt: new Date(Initiation.RequestedExecutionDateTime),
  }),
  orderExtra: quotedPricing,
});

export default pispInternationalScheduled;
