import { z } from "zod";
import { InputText, Money, NAME_MAX, ResourceId, Text, Timestamp } from "./common";
import { exampleIds } from "./example-run";
import { Cursor, Limit, pageOf } from "./pagination";

/** A positive amount to send: the currency's precision is checked against ISO 4217 (`0.001` GBP is refused). */
export const MoneyInput = z
  .strictObject({
    amount: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,3})?$/, "must be a positive decimal string such as 12.50")
      .describe("Decimal string in the currency's major unit, e.g. `12.50`. Never a float."),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as GBP")
      .describe("ISO 4217 currency code."),
  })
  .meta({ id: "PaymentAmount", description: "A positive amount of money.", examples: [{ amount: "12.50", currency: "GBP" }] });

export const PaymentScheme = z
  .enum(["instant", "standard", "international"])
  .describe(
    "`instant` completes at once; `standard` is `pending` until the sandbox clock passes `settles_at` (24 hours); `international` pays an FX quote's amount to a foreign IBAN and settles like `standard`.",
  );

export const PaymentStatus = z
  .enum(["scheduled", "pending", "completed", "failed"])
  .describe(
    "`scheduled`: future-dated (made through a standard, e.g. UK Open Banking's domestic-scheduled-payments or a file payment), no money has moved; it executes when the sandbox clock reaches `settles_at`. `pending` until settlement; `failed` payments moved no money.",
  );

const Name = InputText(1, NAME_MAX).describe("The beneficiary's name. `AML HIT` is declined (the payment is created as `failed`).");

export const AccountCreditor = z
  .strictObject({ type: z.literal("account"), account_id: ResourceId.describe("Another of your sandbox's accounts.") })
  .meta({ id: "AccountCreditor", description: "One of your sandbox's accounts (an internal transfer)." });

export const SortCodeCreditor = z
  .strictObject({
    type: z.literal("sort_code"),
    name: Name,
    sort_code: z
      .string()
      .regex(/^\d{6}$/, "must be 6 digits")
      .describe("Six-digit UK sort code. Sort codes starting `00` do not exist (`invalid_beneficiary`)."),
    account_number: z
      .string()
      .regex(/^\d{8}$/, "must be 8 digits")
      .describe("Eight-digit account number."),
  })
  .meta({ id: "SortCodeCreditor", description: "A UK account at any bank." });

export const IbanCreditor = z
  .strictObject({
    type: z.literal("iban"),
    name: Name,
    iban: z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, "must be an IBAN in capitals without spaces")
      .describe(
        "IBAN without spaces; its mod-97 check digits must be valid (`invalid_beneficiary`). `GB` IBANs for `instant`/`standard`, other countries for `international`.",
      ),
  })
  .meta({ id: "IbanCreditor", description: "An account identified by IBAN." });

export const CreditorInput = z.discriminatedUnion("type", [AccountCreditor, SortCodeCreditor, IbanCreditor]);

export const Creditor = z
  .object({
    type: z.enum(["account", "sort_code", "iban"]),
    account_id: ResourceId.nullable().describe(
      "Set when the beneficiary is one of your sandbox's accounts (also when its sort code or IBAN was given).",
    ),
    name: Text(NAME_MAX).nullable(),
    sort_code: z
      .string()
      .regex(/^\d{6}$/)
      .nullable(),
    account_number: z
      .string()
      .regex(/^\d{8}$/)
      .nullable(),
    iban: z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/)
      .nullable(),
  })
  .meta({ id: "Creditor", description: "Who is paid." });

export const CreatePaymentBody = z
  .strictObject({
    debtor_account_id: ResourceId.describe("The current or savings account to pay from."),
    amount: MoneyInput.optional().describe(
      "What to send, in the debtor account's currency. Omit for `international` (the quote sets it). `666.66` is declined as insufficient funds (the payment is created as `failed`).",
    ),
    creditor: CreditorInput,
    reference: InputText(1, 35).optional().describe("Shown on both statements."),
    scheme: PaymentScheme.default("instant"),
    quote_id: ResourceId.optional().describe(
      "For `international`: an unexpired FX quote from `POST /v1/fx/quotes`, whose sell amount is debited (plus its fee).",
    ),
  })
  .superRefine((body, ctx) => {
    if (body.scheme === "international") {
      if (!body.quote_id) ctx.addIssue({ code: "custom", path: ["quote_id"], message: "is required for international payments" });
      if (body.amount)
        ctx.addIssue({ code: "custom", path: ["amount"], message: "must be omitted for international payments: the quote sets it" });
    } else {
      if (!body.amount) ctx.addIssue({ code: "custom", path: ["amount"], message: "is required" });
      if (body.quote_id) ctx.addIssue({ code: "custom", path: ["quote_id"], message: "is only for international payments" });
    }
  })
  .meta({
    examples: [
      {
        debtor_account_id: exampleIds.accountId,
        amount: { amount: "25.00", currency: "GBP" },
        creditor: { type: "sort_code", name: "Jo Bloggs", sort_code: "040004", account_number: "12345678" },
        reference: "Invoice 42",
        scheme: "instant",
      },
    ],
  });

export type CreatePaymentInput = z.infer<typeof CreatePaymentBody>;

export const PaymentFx = z
  .object({
    quote_id: ResourceId,
    rate: z
      .string()
      .regex(/^\d{1,9}\.\d{6}$/)
      .describe("Units of the credited currency per unit of the debited currency."),
    credit_amount: Money.describe("What the beneficiary receives."),
    fee: Money.describe("Charged on top of `amount`, in the debtor account's currency."),
  })
  .meta({ id: "PaymentFx", description: "The FX quote an international payment used." });

export const Payment = z
  .object({
    id: ResourceId.meta({ examples: ["pay_0aYk2xvP9mD3QeJ1nL5sWr"] }),
    status: PaymentStatus,
    scheme: PaymentScheme,
    debtor_account_id: ResourceId,
    creditor: Creditor,
    amount: Money.describe("Debited from the debtor account (positive)."),
    reference: Text(35).nullable(),
    fx: PaymentFx.nullable(),
    failure: z
      .object({
        code: z.enum(["insufficient_funds", "aml_declined", "account_frozen", "early_withdrawal_not_allowed"]),
        message: Text(500),
      })
      .nullable()
      .describe("Why a `failed` payment failed."),
    settles_at: Timestamp.nullable().describe("When a pending payment settles, or a scheduled one executes (the sandbox clock)."),
    created_at: Timestamp.describe("The sandbox clock when the payment was made."),
    completed_at: Timestamp.nullable(),
  })
  .meta({ id: "Payment", description: "A payment out of one of your sandbox's accounts." });

export type PaymentDto = z.infer<typeof Payment>;

export const PaymentList = pageOf(Payment, "PaymentList", "A page of payments, newest first.");

export const PaymentParams = z.object({
  payment_id: ResourceId.describe("Payment id (`pay_…`), from `POST /v1/payments` or `GET /v1/payments`.").meta({
    examples: [exampleIds.paymentId],
  }),
});

export const ListPaymentsQuery = z.strictObject({
  status: PaymentStatus.optional()
    .describe("Only payments in this status.")
    .meta({ examples: ["completed"] }),
  scheme: PaymentScheme.optional().describe("Only payments of this scheme."),
  debtor_account_id: ResourceId.optional().describe("Only payments from this account."),
  limit: Limit,
  cursor: Cursor.optional(),
});

export const IdempotencyHeaders = z.looseObject({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7E]{1,255}$/, "must be 1-255 visible ASCII characters")
    .describe(
      "Required. A unique value per payment (e.g. a UUID), kept 24 hours: a retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_flight`.",
    ),
});
