import { AppError } from "@openbank/contracts/errors";
import { listAppConsents, type ConsentSummary } from "@/lib/consents/list-app-consents";
import type { TimelineItem } from "../timeline-item";
import { orderForQuery, SourceUnavailableError, type TimelineSource } from "../timeline-source";

/** How many of the newest consents the timeline reads (the bank's page maximum). */
export const CONSENTS_READ = 100;

const KIND_LABEL: Record<ConsentSummary["kind"], string> = {
  account_access: "Account access",
  domestic_payment: "Payment",
  domestic_scheduled_payment: "Scheduled payment",
  international_payment: "International payment",
  file_payment: "File payment",
  domestic_vrp: "VRP",
  funds_confirmation: "Funds confirmation",
  payment: "Payment",
  bulk_payment: "Bulk payment",
};

/**
 * A consent's moments: granted (or requested, while a standard's consent awaits the customer),
 * revoked (and by whom), expired. Times are the bank's, on the app's sandbox clock.
 */
export function consentItems(appId: string, consent: ConsentSummary): TimelineItem[] {
  const who = consent.persona ?? consent.customer_id ?? "a customer";
  const base = {
    kind: "consent" as const,
    ids: { consent_id: consent.id, ...(consent.customer_id ? { customer_id: consent.customer_id } : {}) },
    link: `/dashboard/apps/${appId}#consents`,
    actor: null,
  };
  const label = KIND_LABEL[consent.kind];
  const items: TimelineItem[] = [];
  const awaiting = consent.status === "awaiting_authorisation" || consent.status === "rejected";
  items.push({
    ...base,
    id: `${consent.id}-granted`,
    occurred_at: consent.created_at,
    title: awaiting ? `${label} consent requested` : `${label} consent granted by ${who}`,
    detail: `${consent.standard.replaceAll("_", " ")} · ${consent.source.replaceAll("_", " ")}${consent.permissions.length ? ` · ${consent.permissions.join(", ")}` : ""}`,
    status: awaiting
      ? { class: "warn", http: null, label: consent.status === "rejected" ? "Rejected" : "Awaiting" }
      : { class: "ok", http: null, label: "Granted" },
  });
  if (consent.revoked_at) {
    items.push({
      ...base,
      id: `${consent.id}-revoked`,
      occurred_at: consent.revoked_at,
      title: `${label} consent revoked${consent.revoked_by ? ` by the ${consent.revoked_by === "tpp" ? "app" : consent.revoked_by.replaceAll("_", " ")}` : ""}`,
      detail: "Its tokens stopped working at once.",
      status: { class: "warn", http: null, label: "Revoked" },
    });
  }
  if (consent.expires_at && consent.status === "expired") {
    items.push({
      ...base,
      id: `${consent.id}-expired`,
      occurred_at: consent.expires_at,
      title: `${label} consent expired`,
      detail: "The customer must consent again.",
      status: { class: "warn", http: null, label: "Expired" },
    });
  }
  return items;
}

/**
 * Consent events from the bank's consents (the one home of consents: the portal keeps no copy,
 * and the bank's events only say `consent.revoked`, and only to apps with an endpoint). The bank
 * has no time-ordered feed of them, so this reads the app's newest {@link CONSENTS_READ} consents
 * (one bounded call) and filters in memory. Refreshes are token calls: `POST /oauth/token`
 * request items.
 */
export const consentSource: TimelineSource = {
  name: "consents",
  kinds: ["consent"],
  async list(query) {
    let consents: ConsentSummary[];
    try {
      consents = await listAppConsents({ appId: query.appId, limit: CONSENTS_READ });
    } catch (error) {
      if (error instanceof AppError && error.code === "bank_unavailable") throw new SourceUnavailableError(error.message);
      throw error;
    }
    return orderForQuery(
      consents.flatMap((consent) => consentItems(query.appId, consent)),
      query,
    );
  },
};
