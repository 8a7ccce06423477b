import type { BankConsent, BankScaAuthorisation } from "@prisma/client";
import type { ConsentsInput } from "../../schemas/berlin-group/consents";
import { BG_BASE, bgConsentStatus, isoDay, readDetails, type ScaApproach } from "./bg-details";
import { authorisationLinks, decoupledMessage } from "./sca-authorisation";

const href = (value: string) => ({ href: value });

/**
 * The links of a new consent or payment resource: itself, its status, and the SCA's next step (the
 * implicit authorisation's, or where to start one explicitly).
 */
export function creationLinks(options: {
  resource: BankConsent;
  resourceHref: string;
  statusHref: string;
  authorisation: BankScaAuthorisation | null;
  approach: ScaApproach;
  psuId?: string;
  portalUrl: string;
}): { _links: Record<string, { href: string }>; psuMessage?: string } {
  const { resource, resourceHref, statusHref, authorisation, approach, psuId, portalUrl } = options;
  const links: Record<string, { href: string }> = { self: href(resourceHref), status: href(statusHref) };
  if (authorisation) {
    Object.assign(links, authorisationLinks(resource, authorisation, portalUrl));
    return approach === "DECOUPLED" ? { _links: links, psuMessage: decoupledMessage(authorisation.id) } : { _links: links };
  }
  const start = `${resourceHref}/authorisations`;
  if (approach !== "EMBEDDED") links.startAuthorisation = href(start);
  else if (psuId) links.startAuthorisationWithPsuAuthentication = href(start);
  else links.startAuthorisationWithPsuIdentification = href(start);
  return { _links: links };
}

/** GET /v1/consents/{consentId}: the consent as accepted (validUntil as adjusted), its status and last action. */
export function consentInformation(consent: BankConsent, tenantNow: Date) {
  const { body, state } = readDetails<ConsentsInput>(consent.details);
  const consentStatus = bgConsentStatus(consent, tenantNow);
  return {
    access: body.access,
    recurringIndicator: body.recurringIndicator,
    validUntil: body.validUntil,
    frequencyPerDay: body.frequencyPerDay,
    lastActionDate: state.lastActionDate ?? isoDay(consent.createdAt),
    consentStatus,
    ...(consentStatus === "valid" ? { _links: { account: href(`${BG_BASE}/accounts`) } } : {}),
  };
}
