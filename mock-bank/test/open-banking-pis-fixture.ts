import { createHash, randomUUID } from "node:crypto";
import { expect } from "vitest";
import { expectConformant } from "../../tests/support/standards-contract";
import type { BankApp } from "../src/app";
import { authoriseStandardConsent, token } from "./oauth-fixture";
import { gatewayHeaders } from "./helpers";

/**
 * Calls of the UK Open Banking Payment Initiation API as the gateway forwards them, each answer
 * checked against the official document (expectConformant), and the customer's side of a consent.
 */

export const PIS = "/open-banking/v4.0/pisp";

// Parsed JSON: the conformance check has already validated the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ObReply = { status: number; headers: Record<string, string | string[] | undefined>; body: any; raw: string };

export type CallOptions = {
  tenant: string;
  /** The customer's (or a client-credentials) access token; the app's key otherwise. */
  token?: string;
  body?: unknown;
  /** `x-idempotency-key`: a fresh one unless given; null sends none. */
  key?: string | null;
  headers?: Record<string, string>;
  /** Skip the conformance check (a deliberately non-standard request's answer is still checked by the caller). */
  unchecked?: boolean;
};

export function pisClient(app: BankApp) {
  async function call(method: "GET" | "POST", path: string, options: CallOptions): Promise<ObReply> {
    const headers: Record<string, string> = { ...gatewayHeaders(options.tenant), ...options.headers };
    if (options.token) headers["x-consent-token"] = options.token;
    if (method === "POST" && options.key !== null) headers["x-idempotency-key"] = options.key ?? randomUUID();
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await app.inject({
      method,
      url: `${PIS}${path}`,
      headers,
      payload: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const body = response.body === "" ? undefined : response.json();
    const reply = { status: response.statusCode, headers: response.headers as ObReply["headers"], body, raw: response.body };
    if (!options.unchecked)
      expectConformant({ method, path: `${PIS}${path}`, status: reply.status, headers: reply.headers, body, standard: "uk-pisp" });
    return reply;
  }
  return {
    call,
    get: (path: string, options: CallOptions) => call("GET", path, options),
    post: (path: string, body: unknown, options: CallOptions) => call("POST", path, { ...options, body }),
  };
}

/** The tenant's accounts by account number (seeds them on the first call). */
export async function accountsOf(app: BankApp, tenant: string) {
  const reply = await app.inject({ url: "/v1/accounts?limit=100", headers: gatewayHeaders(tenant) });
  const list = reply.json().data as { id: string; customer_id: string; type: string; identifiers: Record<string, string> }[];
  return (accountNumber: string) => {
    const found = list.find((account) => account.identifiers.account_number === accountNumber);
    if (!found) throw new Error(`no account ${accountNumber} in ${tenant}`);
    return found;
  };
}

/**
 * The customer's side: an authorization naming the consent (`openbanking_intent_id`), the persona
 * who holds `accountId` logs in on the bank's pages, picks that account as the debtor and approves;
 * the code is exchanged for the token the app pays with.
 */
export async function authorise(app: BankApp, options: { tenant: string; consentId: string; accountId: string; scope?: string }) {
  const { tenant, consentId, accountId } = options;
  const account = await app.db.bankAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { customer: { select: { persona: true } } },
  });
  const result = await authoriseStandardConsent(app, {
    appId: tenant,
    consentId,
    scope: options.scope ?? "payments",
    persona: account.customer!.persona!,
    accounts: (ids) => ids.filter((id) => id === accountId),
  });
  if (!result.accessToken)
    throw new Error(`authorisation failed: ${result.flow.final?.statusCode ?? ""} ${result.flow.start.body.slice(0, 300)}`);
  return result.accessToken;
}

/** A client-credentials token of the app, from the token endpoint (what creates and reads consents). */
export async function clientCredentials(app: BankApp, tenant: string, scope = "payments") {
  const reply = await token(app, tenant, { grant_type: "client_credentials", scope });
  if (reply.status !== 200) throw new Error(`client credentials: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token as string;
}

/** A domestic payment consent's body. */
export function domesticConsent(
  overrides: {
    amount?: string;
    currency?: string;
    creditor?: { SchemeName: string; Identification: string; Name: string };
    debtor?: { SchemeName: string; Identification: string };
    localInstrument?: string;
    reference?: string;
    readRefund?: boolean;
  } = {},
) {
  return {
    Data: {
      ...(overrides.readRefund ? { ReadRefundAccount: "Yes" } : {}),
      Initiation: {
        InstructionIdentification: "ACME412",
        EndToEndIdentification: "FRESCO.21302.GFX.20",
        ...(overrides.localInstrument ? { LocalInstrument: overrides.localInstrument } : {}),
        InstructedAmount: { Amount: overrides.amount ?? "165.88", Currency: overrides.currency ?? "GBP" },
        ...(overrides.debtor ? { DebtorAccount: overrides.debtor } : {}),
        CreditorAccount: overrides.creditor ?? {
          SchemeName: "UK.OBIE.SortCodeAccountNumber",
          Identification: "04000412345678",
          Name: "ACME Inc",
        },
        RemittanceInformation: { Unstructured: [overrides.reference ?? "FRESCO-101"] },
      },
    },
    Risk: { PaymentContextCode: "TransferToThirdParty" },
  };
}

/** The payment order of a consent: its Initiation and Risk as consented. */
export function paymentOf(consentId: string, consentBody: { Data: { Initiation: unknown }; Risk: unknown }) {
  return { Data: { ConsentId: consentId, Initiation: consentBody.Data.Initiation }, Risk: consentBody.Risk };
}

/** The UK error's first code name (kept at the head of its Message). */
export function expectObError(reply: ObReply, status: number, name: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.Errors[0].Message.split(":")[0], JSON.stringify(reply.body)).toBe(name);
}

/** A domestic scheduled payment consent's body: the domestic one, dated. */
export function scheduledConsent(executeAt: Date, overrides: Parameters<typeof domesticConsent>[0] = {}) {
  const body = domesticConsent(overrides);
  return {
    Data: {
      Permission: "Create" as const,
      ...body.Data,
      Initiation: { ...body.Data.Initiation, RequestedExecutionDateTime: executeAt.toISOString() },
    },
    Risk: body.Risk,
  };
}

/** Moves the tenant's sandbox clock (and runs what fell due: payments execute and settle). */
export async function advanceClock(app: BankApp, tenant: string, by: { days: number } | { until: string }) {
  const reply = await app.inject({
    method: "POST",
    url: "/v1/sandbox/clock/advance",
    headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
    payload: JSON.stringify(by),
  });
  if (reply.statusCode !== 200) throw new Error(`clock: ${reply.body}`);
  return reply.json() as { now: string; effects: Record<string, number> };
}

/** The tenant's sandbox clock. */
export async function sandboxNow(app: BankApp, tenant: string): Promise<Date> {
  const reply = await app.inject({ url: "/v1/sandbox/clock", headers: gatewayHeaders(tenant) });
  return new Date(reply.json().now as string);
}

/** An international payment consent's body: to a German IBAN, in EUR unless told. */
export function internationalConsent(
  overrides: {
    amount?: string;
    currency?: string;
    currencyOfTransfer?: string;
    creditor?: { SchemeName: string; Identification: string; Name: string };
    rate?: Record<string, unknown>;
    chargeBearer?: string;
    completionDateTime?: string;
  } = {},
) {
  return {
    Data: {
      Initiation: {
        InstructionIdentification: "INTL-1",
        EndToEndIdentification: "INTL-E2E-1",
        CurrencyOfTransfer: overrides.currencyOfTransfer ?? "EUR",
        InstructedAmount: { Amount: overrides.amount ?? "100.00", Currency: overrides.currency ?? "GBP" },
        ...(overrides.rate ? { ExchangeRateInformation: overrides.rate } : {}),
        ...(overrides.chargeBearer ? { ChargeBearer: overrides.chargeBearer } : {}),
        CreditorAccount: overrides.creditor ?? {
          SchemeName: "UK.OBIE.IBAN",
          Identification: "DE89370400440532013000",
          Name: "Hans Muster",
        },
        RemittanceInformation: { Unstructured: ["Invoice 2026-77"] },
      },
      ...(overrides.completionDateTime
        ? { Authorisation: { AuthorisationType: "Single", CompletionDateTime: overrides.completionDateTime } }
        : {}),
    },
    Risk: { PaymentContextCode: "TransferToThirdParty" },
  };
}

/** One payment of a payment file (a domestic initiation without a debtor). */
export function fileEntry(index: number, amount: string, creditor?: { SchemeName: string; Identification: string; Name: string }) {
  return {
    InstructionIdentification: `PAYROLL-${index}`,
    EndToEndIdentification: `PAYROLL-E2E-${index}`,
    InstructedAmount: { Amount: amount, Currency: "GBP" },
    CreditorAccount: creditor ?? {
      SchemeName: "UK.OBIE.SortCodeAccountNumber",
      Identification: `040004${String(10000000 + index)}`,
      Name: `Employee ${index}`,
    },
    RemittanceInformation: { Unstructured: [`Salary ${index}`] },
  };
}

/** A payment file's exact text and its base64 SHA-256 (what the consent's FileHash says). */
export function paymentFile(entries: unknown[]) {
  const text = JSON.stringify({ Data: { DomesticPayments: entries } });
  return { text, hash: createHash("sha256").update(text).digest("base64") };
}

/** A file payment consent's body for a file. */
export function fileConsent(
  file: { hash: string },
  overrides: { count?: string; sum?: number; requestedAt?: string; fileType?: string } = {},
) {
  return {
    Data: {
      Initiation: {
        FileType: overrides.fileType ?? "UK.OBIE.PaymentInitiation.4.0",
        FileHash: file.hash,
        FileReference: "PAYROLL-DEC",
        ...(overrides.count ? { NumberOfTransactions: overrides.count } : {}),
        ...(overrides.sum !== undefined ? { ControlSum: overrides.sum } : {}),
        ...(overrides.requestedAt ? { RequestedExecutionDateTime: overrides.requestedAt } : {}),
      },
    },
  };
}
