import { consentDetails } from "../../domain/open-banking/payment-consents";
import { minorAmount } from "../../domain/open-banking/payment-identification";
import { checkDomesticInitiation, domesticPaymentInput } from "../../domain/open-banking/payment-initiations";
import {
  ObWriteDomestic,
  ObWriteDomesticConsent,
  ObWriteDomesticConsentResponse,
  ObWriteDomesticResponse,
} from "../../schemas/open-banking/pis-domestic";
import { paymentKindRoutes } from "./pisp-payment-kind";

/** Domestic payments: consents (with funds confirmation), payment orders and their details. */
const pispDomestic = paymentKindRoutes({
  kind: "domestic_payment",
  consent: { request: ObWriteDomesticConsent, response: ObWriteDomesticConsentResponse },
  payment: { request: ObWriteDomestic, response: ObWriteDomesticResponse },
  docs: {
    createConsent: {
      description:
        "Stages a single immediate domestic payment (GBP) for the customer to authorise, with a client-credentials token carrying scope `payments` (or the app's sandbox key). Then push an authorization request naming it (`openbanking_intent_id`); the customer picks the debtor account and approves. `x-idempotency-key` is required.",
      created: "The consent, `AWAU`.",
    },
    getConsent: "The consent as staged, with its status (`AWAU`, `AUTH`, `COND` once paid, `RJCT`) and, once authorised, the debtor.",
    pay: {
      description:
        "Pays an authorised consent, with the customer's token of that consent: `Initiation` and `Risk` exactly as consented. The money moves at once (FPS, CHAPS, Paym: `ACCC` to one of your sandbox's accounts, `ACSC` to another bank; BACS settles a day later on the sandbox clock: `ACSP`). The consent is then `COND`: a second payment is refused. Magic values: amount `666.66` and creditor name `AML HIT` are rejected (`RJCT`, reason `AM04` / `RR04`); insufficient funds are a 400 `UK.OBIE.Rules.InsufficientFunds` and leave the consent usable. The payment is a /v1 payment too (`GET /v1/payments`), with its webhooks. `x-idempotency-key` is required.",
      created: "The payment order.",
    },
    getPayment: {
      description:
        "The payment order with its current status (a BACS payment turns `ACSC`/`ACCC` once the sandbox clock passes its settlement).",
      ok: "The payment order.",
    },
    paymentDetails: "Each status the payment reached, with its reason when rejected.",
  },
  checkConsent: (body) => checkDomesticInitiation(body.Data.Initiation),
  fundsConfirmation: {
    description:
      "With the customer's token of this consent, once authorised: whether the debtor account's available balance (with its arranged overdraft) covers the payment. Nothing is reserved.",
    required: async ({ consent }) => {
      const amount = (consentDetails(consent).Data.Initiation as { InstructedAmount: { Amount: string; Currency: string } })
        .InstructedAmount;
      // Another currency than the account's cannot be paid from it at all.
      return (currency) =>
        currency === amount.Currency ? minorAmount(amount, "Data.Initiation.InstructedAmount") : BigInt(Number.MAX_SAFE_INTEGER);
    },
  },
  toPayment: (body, { debtorAccountId }) => ({ input: domesticPaymentInput(body.Data.Initiation, debtorAccountId) }),
});

export default pispDomestic;
