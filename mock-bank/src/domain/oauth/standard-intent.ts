import type { BankConsent, PrismaClient } from "@prisma/client";
import type Provider from "oidc-provider";
import { consentStatus, PAYMENT_KINDS, PIS_BASE_PATH } from "../open-banking/payment-consents";
import { matchesIdentification, summariseConsent, UK_CONSENT_SCOPE, type ConsentSummary } from "../open-banking/consent-summary";
import type { ConsentScreenAccount } from "./authorization-outcome";
import { consentScreenAccounts } from "./consent-screen-accounts";
import { isStandardScope } from "./scopes";

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;

/** A standard's consent the customer is asked to authorise in this authorization. */
export type Intent = {
  consent: BankConsent;
  summary: ConsentSummary;
  /** The customer's accounts the consent can use (only the named debtor account, when it names one). */
  accounts: (customerId: string) => Promise<ConsentScreenAccount[]>;
  /** What the page says when the customer has none of them. */
  noAccounts: string;
};

type Refusal = { ok: false; error: "invalid_request" | "access_denied"; detail: string };

/**
 * UK Open Banking names the consent an authorization is for with the `openbanking_intent_id`
 * claim (in the request object, or the claims parameter), for the id_token or userinfo.
 */
export function intentOf(details: Details): string | null {
  try {
    const claims = JSON.parse(String(details.params.claims ?? "{}")) as Record<string, Record<string, { value?: unknown }> | undefined>;
    const value = claims.id_token?.openbanking_intent_id?.value ?? claims.userinfo?.openbanking_intent_id?.value;
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

/** Payments go out of current and savings accounts; a funds check or account access may name any. */
const PAYING_ACCOUNTS = new Set(["current", "savings"]);

/**
 * The consent of this authorization, if it names one, and whether it can be authorised: this
 * app's UK consent, awaiting authorisation (a file consent with its file uploaded), not expired on
 * the tenant clock, and asked for with the scope its kind needs. A standard's scope without a
 * consent is refused too.
 */
export async function authorisableIntent(
  deps: { db: PrismaClient; tenantNow: (tenantId: string) => Promise<Date> },
  loaded: { details: Details; tenantId: string },
): Promise<{ ok: true; value: Intent } | Refusal | null> {
  const { details, tenantId } = loaded;
  const scopes = String(details.params.scope ?? "").split(" ");
  const id = intentOf(details);
  const refuse = (error: Refusal["error"], detail: string): Refusal => ({ ok: false, error, detail });
  if (!id) {
    return scopes.some(isStandardScope)
      ? refuse(
          "invalid_request",
          'A UK Open Banking authorization names its consent: send claims {"id_token":{"openbanking_intent_id":{"value":"<ConsentId>","essential":true}}} in the request object.',
        )
      : null;
  }
  const consent = await deps.db.bankConsent.findFirst({ where: { id, tenantId, appId: tenantId, standard: "uk_open_banking" } });
  if (!consent) return refuse("invalid_request", `openbanking_intent_id: no consent ${id} of this app.`);
  if (consent.status !== "awaiting_authorisation")
    return refuse("invalid_request", `Consent ${id} is ${consent.status.replaceAll("_", " ")}: a consent is authorised once.`);
  const now = await deps.tenantNow(tenantId);
  if (consent.expiresAt <= now) return refuse("invalid_request", `Consent ${id} has expired.`);
  if (consentStatus(consent, now).Status === "AWUP")
    return refuse(
      "invalid_request",
      `Consent ${id} awaits its file: the file has not been uploaded. Upload it (POST ${PIS_BASE_PATH}/${PAYMENT_KINDS.file_payment.consents}/${id}/file), then ask the customer to authorise.`,
    );
  const needed = UK_CONSENT_SCOPE[consent.kind];
  if (!needed || !scopes.includes(needed))
    return refuse("invalid_request", `A ${consent.kind.replaceAll("_", " ")} consent is authorised with scope ${needed}.`);

  const summary = summariseConsent(consent);
  const accounts = async (customerId: string) => {
    const all = await consentScreenAccounts(deps.db, { tenantId, customerId });
    if (summary.choice === "many") return all;
    const eligible = consent.kind === "funds_confirmation" ? all : all.filter((account) => PAYING_ACCOUNTS.has(account.type));
    if (!summary.debtorAccount) return eligible;
    const named = summary.debtorAccount;
    const rows = await deps.db.bankAccount.findMany({
      where: { tenantId, customerId, id: { in: eligible.map((account) => account.id) } },
      select: { id: true, sortCode: true, accountNumber: true, iban: true },
    });
    const matching = new Set(rows.filter((row) => matchesIdentification(row, named)).map((row) => row.id));
    return eligible.filter((account) => matching.has(account.id));
  };
  const noAccounts = summary.debtorAccount
    ? `The account the app named (${summary.debtorAccount.identification}) is not one of yours that can be used here. Deny the request.`
    : "You have no account that can be used for this. Deny the request.";
  return { ok: true, value: { consent, summary, accounts, noAccounts } };
}
