import { checkDomesticInitiation, checkExecutionDate, domesticPaymentInput } from "../../domain/open-banking/payment-initiations";
import {
  ObWriteDomesticScheduled,
  ObWriteDomesticScheduledConsent,
  ObWriteDomesticScheduledConsentResponse,
  ObWriteDomesticScheduledResponse,
} from "../../schemas/open-banking/pis-domestic";
import { paymentKindRoutes } from "./pisp-payment-kind";

/**
 * Domestic scheduled (future-dated) payments: the money leaves on RequestedExecutionDateTime of the
 * tenant's clock, never before; until then the payment is `PDNG` (a /v1 payment `scheduled`). The
 * standard gives them no funds confirmation.
 */
const pispScheduled = paymentKindRoutes({
  kind: "domestic_scheduled_payment",
  consent: { request: ObWriteDomesticScheduledConsent, response: ObWriteDomesticScheduledConsentResponse },
  payment: { request: ObWriteDomesticScheduled, response: ObWriteDomesticScheduledResponse },
  docs: {
    createConsent: {
      description:
        "Stages a future-dated domestic payment (GBP) for the customer to authorise: `RequestedExecutionDateTime` in the future of the sandbox clock, at most a year ahead. `x-idempotency-key` is required.",
      created: "The consent, `AWAU`.",
    },
    getConsent: "The consent as staged, with its status and, once authorised, the debtor.",
    pay: {
      description:
        "Schedules an authorised consent's payment, with the customer's token of that consent: `PDNG` until the sandbox clock reaches `RequestedExecutionDateTime` (advance it with `POST /v1/sandbox/clock/advance`), when the money leaves (`ACSC`), or the payment is rejected if the account cannot pay it then (`RJCT`, `AM04`). The consent is `COND` at once. `x-idempotency-key` is required.",
      created: "The scheduled payment, `PDNG`.",
    },
    getPayment: {
      description: "The scheduled payment with its current status: `PDNG` until its date, then `ACSC` (or `ACSP` for BACS) or `RJCT`.",
      ok: "The scheduled payment.",
    },
    paymentDetails: "Each status the scheduled payment reached: `PDNG`, then its execution's.",
  },
  checkConsent: ({ Data: { Initiation } }, now) => {
    checkDomesticInitiation(Initiation);
    checkExecutionDate(Initiation.RequestedExecutionDateTime, now);
  },
  toPayment: ({ Data: { Initiation } }, { debtorAccountId }) => ({
    input: domesticPaymentInput(Initiation, debtorAccountId),
    executeAt: new Date(Initiation.RequestedExecutionDateTime),
  }),
});

export default pispScheduled;
