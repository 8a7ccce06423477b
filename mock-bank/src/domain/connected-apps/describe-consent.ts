import type { BankConsent } from "@prisma/client";
import { summariseConsent } from "../open-banking/consent-summary";
import { isScope, scopeDescriptions } from "../oauth/scopes";
import { hasExpiry } from "../consents/consent-dto";

/** What a consent lets an app do, in the customer's words, for the connected-apps page. */
export type ConsentWords = {
  title: string;
  lines: string[];
  /** The API it was given through, as a customer may know it from the app ("Open Banking"). */
  via: string;
  /** Until when, if it ends by itself (a VRP mandate's end, an account consent's expiry). */
  until: Date | null;
};

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
const parse = (text: string | null): unknown => {
  try {
    return JSON.parse(text ?? "null");
  } catch {
    return null;
  }
};
const strings = (text: string): string[] => {
  const value = parse(text);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
};

const VIA: Record<string, string> = { v1: "Open Bank API", uk_open_banking: "UK Open Banking", berlin_group: "Berlin Group (PSD2)" };

const money = (amount: unknown) => {
  const value = obj(amount);
  return value.amount ? `${str(value.amount)} ${str(value.currency)}`.trim() : "";
};

/** A Berlin Group consent or payment body (NextGenPSD2 field names), read leniently: anything missing is left out. */
function berlinGroupWords(consent: Pick<BankConsent, "kind" | "details" | "permissions">): { title: string; lines: string[] } {
  const body = obj(parse(consent.details));
  switch (consent.kind) {
    case "account_access": {
      const access = obj(body.access);
      const permissions = new Set(strings(consent.permissions));
      const all = Boolean(access.allPsd2);
      const lines = [
        all || access.accounts || permissions.has("accounts") ? "See your account details" : "",
        all || access.balances || access.availableAccountsWithBalance || permissions.has("balances") ? "See your balances" : "",
        all || access.transactions || permissions.has("transactions") ? "See your transactions" : "",
        access.availableAccounts || access.availableAccountsWithBalance ? "See the list of your accounts" : "",
        body.recurringIndicator === false ? "Once only" : body.frequencyPerDay ? `Up to ${str(body.frequencyPerDay)} times a day` : "",
      ].filter(Boolean);
      return { title: "Share account information", lines };
    }
    case "payment": {
      const creditor = [str(body.creditorName), str(obj(body.creditorAccount).iban) && `(${str(obj(body.creditorAccount).iban)})`]
        .filter(Boolean)
        .join(" ");
      const lines = [
        `Pay ${money(body.instructedAmount) || "an amount"} to ${creditor || "the payee"}`,
        str(body.requestedExecutionDate) ? `On ${str(body.requestedExecutionDate)}` : "",
        str(body.remittanceInformationUnstructured) ? `Reference: ${str(body.remittanceInformationUnstructured)}` : "",
      ].filter(Boolean);
      return { title: "Make a payment", lines };
    }
    case "bulk_payment": {
      const payments = Array.isArray(body.payments) ? body.payments : [];
      return { title: "Make a batch of payments", lines: [`${payments.length || "Several"} payments in one batch`] };
    }
    case "funds_confirmation":
      return {
        title: "Confirm available funds",
        lines: ["Let the app ask whether your account has enough money for a payment (yes or no; never your balance)"],
      };
    default:
      return { title: "Use your accounts", lines: [] };
  }
}

/**
 * The title, the lines and the end of one authorised consent, whatever standard it was given
 * through: /v1's permissions, a UK consent's own summary (the one its consent page showed), a
 * Berlin Group body.
 */
export function describeConsent(consent: Pick<BankConsent, "standard" | "kind" | "details" | "permissions" | "expiresAt">): ConsentWords {
  const via = VIA[consent.standard] ?? consent.standard;
  const expiry = hasExpiry(consent.expiresAt) ? consent.expiresAt : null;
  if (consent.standard === "uk_open_banking") {
    const summary = summariseConsent(consent);
    return { title: summary.title, lines: summary.lines, via, until: summary.expiresAt ?? expiry };
  }
  if (consent.standard === "berlin_group") {
    const validUntil = str(obj(parse(consent.details)).validUntil);
    const until = /^\d{4}-\d{2}-\d{2}$/.test(validUntil) ? new Date(`${validUntil}T23:59:59Z`) : expiry;
    return { ...berlinGroupWords(consent), via, until: until && hasExpiry(until) ? until : null };
  }
  const permissions = strings(consent.permissions).filter(isScope);
  return {
    title: permissions.includes("payments:write") ? "Share accounts and make payments" : "Share account information",
    lines: permissions.map((scope) => scopeDescriptions[scope]),
    via,
    until: expiry,
  };
}
