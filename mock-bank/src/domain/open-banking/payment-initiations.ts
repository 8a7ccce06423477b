import type { CreatePaymentInput } from "../../schemas/payment";
import { ibanProblem, sortCodeProblem } from "../payments/payment-rules";
import { ObError } from "./ob-errors";
import { canonicalAmount, type ObAccountRef, toCreditor } from "./payment-identification";

/**
 * A UK domestic initiation (immediate or scheduled) as the one domain's payment: checked when the
 * consent is staged (what can be checked before a debtor is known), mapped when it is paid.
 */

export type DomesticInitiationLike = {
  InstructedAmount: { Amount: string; Currency: string };
  LocalInstrument?: string;
  CreditorAccount: ObAccountRef & { Name: string };
  RemittanceInformation?: {
    Unstructured?: string[];
    Structured?: { CreditorReferenceInformation?: { Reference?: string } }[];
  };
};

const INITIATION = "Data.Initiation";

/** Local instruments the sandbox pays at once, and those that settle a day later. */
const IMMEDIATE = new Set(["UK.OBIE.FPS", "UK.OBIE.CHAPS", "UK.OBIE.Paym"]);
const NEXT_DAY = new Set(["UK.OBIE.BACS"]);

/** The /v1 scheme a domestic local instrument runs on, or Unsupported.LocalInstrument. */
export function domesticScheme(localInstrument: string | undefined, path = INITIATION): "instant" | "standard" {
  if (localInstrument === undefined || IMMEDIATE.has(localInstrument)) return "instant";
  if (NEXT_DAY.has(localInstrument)) return "standard";
  throw new ObError(
    400,
    "UK.OBIE.Unsupported.LocalInstrument",
    `Domestic payments run on UK.OBIE.FPS, UK.OBIE.CHAPS, UK.OBIE.Paym or UK.OBIE.BACS, not ${localInstrument}.`,
    `${path}.LocalInstrument`,
  );
}

/**
 * The reference on both statements: the creditor reference (`Structured[].CreditorReferenceInformation.Reference`),
 * else the first unstructured line, 35 characters. Read leniently, so a stored consent body (the
 * consent page's summary) gives the same reference its payment will carry.
 */
export function paymentReference(initiation: { RemittanceInformation?: unknown }): string | undefined {
  const remittance = initiation.RemittanceInformation as { Structured?: unknown; Unstructured?: unknown } | undefined;
  const entries = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const structured = entries(remittance?.Structured)
    .map((entry) =>
      text((entry as { CreditorReferenceInformation?: { Reference?: unknown } } | null)?.CreditorReferenceInformation?.Reference),
    )
    .find(Boolean);
  const raw = structured ?? text(entries(remittance?.Unstructured)[0]);
  // Control characters never reach a statement (as /v1 refuses them).
  const cleaned = raw
    ?.replace(/[\u0000-\u001F\u007F-\u009F]/g, " ")
    .trim()
    .slice(0, 35)
    .trim();
  return cleaned ? cleaned : undefined;
}

/**
 * What the bank can check of a domestic initiation before a debtor is chosen: GBP (the domestic
 * schemes' currency), the amount's precision, the local instrument, and the beneficiary (format,
 * sort code, IBAN check digits, a GB IBAN). `path` is where the initiation sits in the request.
 */
export function checkDomesticInitiation(initiation: DomesticInitiationLike, path = INITIATION): void {
  if (initiation.InstructedAmount.Currency !== "GBP")
    throw new ObError(
      400,
      "UK.OBIE.Unsupported.Currency",
      "Domestic payments are in GBP; pay other currencies with international-payment-consents.",
      `${path}.InstructedAmount.Currency`,
    );
  canonicalAmount(initiation.InstructedAmount, `${path}.InstructedAmount`);
  domesticScheme(initiation.LocalInstrument, path);
  const creditor = toCreditor(initiation.CreditorAccount, `${path}.CreditorAccount`);
  const problem =
    creditor.type === "sort_code"
      ? sortCodeProblem(creditor.sort_code)
      : creditor.type === "iban"
        ? (ibanProblem(creditor.iban) ?? (creditor.iban.startsWith("GB") ? null : "a domestic payment goes to a GB IBAN"))
        : null;
  if (problem) throw new ObError(400, "UK.OBIE.Field.Invalid", `CreditorAccount: ${problem}.`, `${path}.CreditorAccount.Identification`);
}

/** The one domain's payment for a domestic initiation, paid from the consent's debtor account. */
export function domesticPaymentInput(initiation: DomesticInitiationLike, debtorAccountId: string, path = INITIATION): CreatePaymentInput {
  const reference = paymentReference(initiation);
  return {
    debtor_account_id: debtorAccountId,
    amount: {
      amount: canonicalAmount(initiation.InstructedAmount, `${path}.InstructedAmount`),
      currency: initiation.InstructedAmount.Currency,
    },
    creditor: toCreditor(initiation.CreditorAccount, `${path}.CreditorAccount`),
    scheme: domesticScheme(initiation.LocalInstrument, path),
    ...(reference ? { reference } : {}),
  };
}

/** JSON with its keys sorted: two bodies that say the same thing compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** How far ahead a payment may be scheduled. */
const MAX_SCHEDULE_MS = 366 * 24 * 60 * 60 * 1000;

/** A requested execution instant: in the future of the tenant clock, at most a year ahead. */
export function checkExecutionDate(requested: string, now: Date, path = `${INITIATION}.RequestedExecutionDateTime`): Date {
  const at = new Date(requested);
  if (at <= now)
    throw new ObError(
      400,
      "UK.OBIE.Field.InvalidDate",
      `RequestedExecutionDateTime must be after the sandbox clock's ${now.toISOString()}.`,
      path,
    );
  if (at.getTime() - now.getTime() > MAX_SCHEDULE_MS)
    throw new ObError(400, "UK.OBIE.Field.InvalidDate", "RequestedExecutionDateTime may be at most a year ahead.", path);
  return at;
}
