import type { ErrorCode } from "./errors";

/**
 * The shape of the sandbox's public reference (`/sandbox-reference.json`): built by the bank
 * from its seed, rendered by the portal's "Personas & magic values" page.
 */

export type ScenarioInfo = {
  /** What to send, e.g. `latency=<ms>` or `bank_unavailable`. */
  value: string;
  example: string;
  /** The answer it produces, e.g. "502 bank_unavailable"; null for latency. */
  status: number | null;
  code: ErrorCode | null;
  effect: string;
};

type Money = { amount: string; currency: string };

export type ReferenceAccount = {
  type: "current" | "savings" | "credit_card";
  name: string;
  currency: string;
  status: "active" | "frozen";
  identifiers: { sort_code: string; account_number: string; iban: string } | { masked_pan: string };
  /** The booked balance right after seeding or a reset. */
  seeded_balance: Money;
  overdraft_limit: Money | null;
  credit_limit: Money | null;
  interest_rate: string | null;
  notes: string[];
  /** How the account appears in each standard; there its AccountId (UK) and resourceId (Berlin Group) are its `acc_…` id in your sandbox. */
  standards: ReferenceStandardViews;
};

export type ReferenceStandardViews = {
  /** The account's `Account` identifications in UK Open Banking (Data.Account[].Account), in that order. */
  uk_open_banking: {
    currency: string;
    account: { scheme_name: "UK.OBIE.SortCodeAccountNumber" | "UK.OBIE.IBAN" | "UK.OBIE.PAN"; identification: string }[];
  };
  /**
   * The account in the Berlin Group: a payment account under `/v1/accounts`, named in a consent by its
   * IBAN; a credit card is a card account under `/v1/card-accounts`, named by its masked PAN.
   */
  berlin_group:
    | { endpoint: "/accounts"; currency: string; iban: string; cash_account_type: "CACC" | "SVGS" }
    | { endpoint: "/card-accounts"; currency: string; masked_pan: string };
};

/** What the persona gets from the lending endpoints right after seeding. */
export type ReferenceLending = {
  /** The example: a personal loan of this amount over this term. */
  example_request: { amount: Money; term_months: number };
  decision: "approved" | "declined";
  reason_codes: string[];
  offers: { amount: Money; term_months: number; apr: string; monthly_payment: Money }[];
  /** The most the persona may owe on buy-now-pay-later plans; null when plans are declined. */
  bnpl_limit: Money | null;
  /** One line for people, with `code` marks. */
  summary: string;
};

export type ReferencePersona = {
  key: string;
  display_name: string;
  kind: "individual" | "business";
  login: string;
  /** The sandbox password of the bank's login page (OAuth consent flow). */
  password: string;
  email: string;
  purpose: string;
  credit_score: number;
  annual_income: Money;
  history_days: number;
  accounts: ReferenceAccount[];
  lending: ReferenceLending;
};

export type MagicValue = { field: string; value: string; applies_to: string; effect: string };

export type SandboxControl = { method: string; path: string; summary: string; description: string };

export type SandboxReference = {
  seed_version: number;
  personas: ReferencePersona[];
  scenario_header: { name: "Sandbox-Scenario"; values: ScenarioInfo[] };
  magic_values: MagicValue[];
  controls: SandboxControl[];
  /** Custom test customers (POST /v1/sandbox/customers): the document's component, an example and its limits. */
  custom_customers?: {
    endpoint: string;
    schema: string;
    login: string;
    password: string;
    limits: { accounts: number; months: number; transactions: number; customers: number };
    example: unknown;
  };
};
