import type { BankConsent } from "@prisma/client";
import type { StandardScope } from "../oauth/scopes";
import { paymentReference } from "./payment-initiations";

/** What the bank's consent page shows for a standard's consent, and how the customer picks accounts. */
export type ConsentSummary = {
  title: string;
  lines: string[];
  /** AIS shares several accounts; a payment or a funds check names one debtor account. */
  choice: "many" | "one";
  /** The debtor account the consent names, if it names one: only that account can be chosen. */
  debtorAccount: { schemeName: string; identification: string } | null;
  /** The consent's own expiry, as the customer should read it (null: none, or a one-off payment). */
  expiresAt: Date | null;
};

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});
const str = (value: unknown) => (typeof value === "string" ? value : "");

/** The scope an authorization must carry for each kind of UK consent. */
export const UK_CONSENT_SCOPE: Record<string, StandardScope> = {
  account_access: "accounts",
  domestic_payment: "payments",
  domestic_scheduled_payment: "payments",
  international_payment: "payments",
  international_scheduled_payment: "payments",
  file_payment: "payments",
  domestic_vrp: "payments",
  funds_confirmation: "fundsconfirmations",
};

const money = (amount: unknown) => {
  const value = obj(amount);
  return value.Amount ? `${str(value.Amount)} ${str(value.Currency)}` : "";
};

const creditor = (account: unknown) => {
  const value = obj(account);
  const name = str(value.Name);
  const id = str(value.Identification);
  return [name, id && `(${id})`].filter(Boolean).join(" ") || "the payee";
};

/** Readable words for the UK permission codes the customer is asked to grant. */
function permissionLines(permissions: string[]): string[] {
  const words: [RegExp, string][] = [
    [/^ReadAccounts/, "See your account names and numbers"],
    [/^ReadBalances$/, "See your balances"],
    [/^ReadTransactions/, "See your transactions"],
    [/^ReadBeneficiaries/, "See the payees you have saved"],
    [/^ReadDirectDebits$/, "See your direct debits"],
    [/^ReadStandingOrders/, "See your standing orders"],
    [/^ReadScheduledPayments/, "See your scheduled payments"],
    [/^ReadStatements/, "See your statements"],
    [/^ReadParty/, "See your name and contact details as the bank holds them"],
    [/^ReadProducts$/, "See your accounts' products and their terms"],
    [/^ReadOffers$/, "See offers the bank makes you"],
  ];
  const lines = new Set<string>();
  for (const permission of permissions) {
    const found = words.find(([pattern]) => pattern.test(permission));
    if (found) lines.add(found[1]);
  }
  return [...lines];
}

/**
 * The summary of a UK Open Banking consent (its stored body, `details`), for the customer to read
 * before approving. Reads the standard's field names; anything missing is simply left out.
 */
export function summariseConsent(consent: Pick<BankConsent, "kind" | "details" | "permissions" | "expiresAt">): ConsentSummary {
  const details = obj(JSON.parse(consent.details ?? "{}"));
  const data = obj(details.Data);
  const initiation = obj(data.Initiation);
  const debtor = obj(initiation.DebtorAccount ?? data.DebtorAccount);
  const debtorAccount = debtor.Identification ? { schemeName: str(debtor.SchemeName), identification: str(debtor.Identification) } : null;
  const expiresAt = consent.expiresAt.getUTCFullYear() >= 9999 ? null : consent.expiresAt;
  // The reference its payments will carry on both statements (4.0's OBRemittanceInformation2).
  const reference = paymentReference(initiation);
  const ref = reference ? `Reference: ${reference}` : "";
  switch (consent.kind) {
    case "account_access":
      return {
        title: "Share account information",
        lines: permissionLines(JSON.parse(consent.permissions) as string[]),
        choice: "many",
        debtorAccount: null,
        expiresAt,
      };
    case "domestic_payment":
    case "domestic_scheduled_payment":
    case "international_payment":
    case "international_scheduled_payment": {
      const when = str(initiation.RequestedExecutionDateTime);
      const lines = [
        `Pay ${money(initiation.InstructedAmount)} to ${creditor(initiation.CreditorAccount)}`,
        when ? `On ${when.slice(0, 10)}` : "",
        consent.kind.startsWith("international") && initiation.CurrencyOfTransfer ? `Sent in ${str(initiation.CurrencyOfTransfer)}` : "",
        ref,
      ].filter(Boolean);
      return { title: "Make a payment", lines, choice: "one", debtorAccount, expiresAt: null };
    }
    case "file_payment": {
      const count = str(initiation.NumberOfTransactions) || "Several";
      // ControlSum is a number in 4.0 (the file's total, in the file's currency: GBP for domestic files).
      const total = typeof initiation.ControlSum === "number" ? `, totalling ${initiation.ControlSum.toFixed(2)}` : "";
      return {
        title: "Make a batch of payments",
        lines: [
          `${count} payments from a file${total}`,
          ref,
          str(initiation.FileReference) && `File: ${str(initiation.FileReference)}`,
        ].filter(Boolean),
        choice: "one",
        debtorAccount,
        expiresAt: null,
      };
    }
    case "domestic_vrp": {
      const controls = obj(data.ControlParameters);
      const periodic = Array.isArray(controls.PeriodicLimits) ? (controls.PeriodicLimits as unknown[]).map(obj) : [];
      const lines = [
        `Take variable payments to ${creditor(initiation.CreditorAccount)}`,
        controls.MaximumIndividualAmount ? `Up to ${money(controls.MaximumIndividualAmount)} each` : "",
        ...periodic.map((limit) => `At most ${money(limit)} per ${str(limit.PeriodType).toLowerCase()}`),
        ref,
      ].filter(Boolean);
      const until = str(controls.ValidToDateTime);
      return {
        title: "Set up variable recurring payments",
        lines,
        choice: "one",
        debtorAccount,
        expiresAt: until ? new Date(until) : expiresAt,
      };
    }
    case "funds_confirmation":
      return {
        title: "Confirm available funds",
        lines: ["Let the app ask whether this account has enough money for a payment (yes or no; never your balance)"],
        choice: "one",
        debtorAccount,
        expiresAt,
      };
    default:
      return { title: "Share account information", lines: [], choice: "many", debtorAccount, expiresAt };
  }
}

/** Whether an account matches a UK account identification (sort code + account number, or IBAN). */
export function matchesIdentification(
  account: { sortCode: string | null; accountNumber: string | null; iban: string | null },
  identification: { schemeName: string; identification: string },
): boolean {
  const id = identification.identification.replace(/\s+/g, "").toUpperCase();
  if (/IBAN$/i.test(identification.schemeName)) return account.iban?.toUpperCase() === id;
  return Boolean(account.sortCode && account.accountNumber && `${account.sortCode}${account.accountNumber}` === id);
}
