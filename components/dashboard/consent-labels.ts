import type { BadgeTone } from "@/components/ui/badge";
import type { ConsentSummary } from "@/lib/consents/list-app-consents";

/** How the app page names each API a consent can come from. */
export const standardLabels: Record<ConsentSummary["standard"], string> = {
  v1: "Open Bank /v1",
  uk_open_banking: "UK Open Banking",
  berlin_group: "Berlin Group",
};

export const standardTones: Record<ConsentSummary["standard"], BadgeTone> = {
  v1: "neutral",
  uk_open_banking: "brand",
  berlin_group: "info",
};

export const kindLabels: Record<ConsentSummary["kind"], string> = {
  account_access: "Account access",
  domestic_payment: "Domestic payment",
  domestic_scheduled_payment: "Scheduled payment",
  international_payment: "International payment",
  file_payment: "File payment",
  domestic_vrp: "Variable recurring payments",
  funds_confirmation: "Funds confirmation",
  payment: "Payment",
  bulk_payment: "Bulk payment",
};

export const statusTones: Record<ConsentSummary["status"], BadgeTone> = {
  awaiting_authorisation: "info",
  authorised: "success",
  rejected: "danger",
  consumed: "neutral",
  revoked: "neutral",
  expired: "warning",
};

export const statusLabel = (status: ConsentSummary["status"]) => status.replaceAll("_", " ");

/** A consent still in use can be revoked: authorised, or created and awaiting the customer. */
export const isRevocable = (consent: Pick<ConsentSummary, "status">) =>
  consent.status === "authorised" || consent.status === "awaiting_authorisation";

/** What the consent grants, in the names of the API it came from (a payment consent names none). */
export function permissionsOf(consent: Pick<ConsentSummary, "standard" | "permissions" | "standard_permissions">): string[] {
  return consent.standard === "v1" ? consent.permissions : consent.standard_permissions;
}

/** Who the consent is for: the persona, the customer id, or nobody yet. */
export const customerOf = (consent: Pick<ConsentSummary, "persona" | "customer_id">) => consent.persona ?? consent.customer_id;

/** What revoking does, in the consent's own terms. */
export function revokeConsequence(consent: Pick<ConsentSummary, "standard" | "status">): string {
  if (consent.status === "awaiting_authorisation")
    return "The customer can no longer authorise it, and the app has to create a new consent.";
  if (consent.standard === "v1") return "Its access and refresh tokens answer 401 consent_revoked from the next call.";
  const api = standardLabels[consent.standard];
  return `Its tokens are refused on the ${api} API from the next call, and the app's own view of the consent shows it ended.`;
}

/** Who ended a consent, as its row says it; a replay explains why every token stopped. */
export function revokedByLabel(revokedBy: NonNullable<ConsentSummary["revoked_by"]>): string {
  return {
    customer: "by the customer",
    tpp: "by the app",
    developer: "by the developer",
    token_replay: "a code or refresh token was used twice, so every token was revoked",
  }[revokedBy];
}
