import type { BankConsent, BankScaAuthorisation, Prisma, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { BgError } from "./bg-errors";
import { BG_BASE, readDetails, writeDetails, type BgState, type ScaApproach } from "./bg-details";
import type { ScaRequest } from "./sca-request";

/**
 * Berlin Group authorisation sub-resources (BankScaAuthorisation): one strong customer
 * authentication of a consent, a payment, or a payment's cancellation, by one of three approaches:
 * - REDIRECT: the PSU logs in on the bank's page (`_links.scaRedirect`, on the portal's origin,
 *   /oauth/sca/{authorisationId}) and approves or refuses there;
 * - DECOUPLED: the PSU approves in the bank's app; the sandbox control
 *   `POST /v1/sandbox/berlin-group/authorisations/{authorisationId}` stands in for it;
 * - EMBEDDED: the TPP relays the PSU's password, the chosen method and the OTP through the API.
 */

export type Purpose = "authorisation" | "cancellation";

/** The sandbox's one-time password for EMBEDDED (documented in the guide): every SMS says this. */
export const SANDBOX_OTP = "123456";

/** Wrong passwords or OTPs before an authorisation fails (and its consent or payment is rejected). */
export const MAX_SCA_FAILURES = 3;

/** The SCA methods every sandbox customer has (EMBEDDED picks one, then the OTP is SANDBOX_OTP). */
export const SCA_METHODS = [
  { authenticationType: "SMS_OTP", authenticationMethodId: "sms-otp", name: "SMS to the phone ending 0042" },
  { authenticationType: "PUSH_OTP", authenticationMethodId: "app-otp", name: "Open Bank app" },
] as const;

export const CHALLENGE_DATA = {
  otpMaxLength: 6,
  otpFormat: "integer",
  additionalInformation: `Sandbox: the one-time password is always ${SANDBOX_OTP}.`,
} as const;

/** Statuses an authorisation can no longer leave. */
export const FINAL_SCA = new Set(["finalised", "failed", "exempted"]);

/** The path (on the portal's origin) of the consent or payment resource an authorisation belongs to. */
export function resourcePath(consent: Pick<BankConsent, "id" | "kind" | "details">): string {
  if (consent.kind === "account_access") return `${BG_BASE}/consents/${consent.id}`;
  return `${BG_BASE}${readDetails(consent.details).state.resourcePath ?? "/payments/sepa-credit-transfers"}/${consent.id}`;
}

export const authorisationsPath = (consent: Pick<BankConsent, "id" | "kind" | "details">, purpose: Purpose) =>
  `${resourcePath(consent)}/${purpose === "cancellation" ? "cancellation-authorisations" : "authorisations"}`;

export const scaRedirectUrl = (portalUrl: string, authorisationId: string) =>
  `${portalUrl.replace(/\/$/, "")}/oauth/sca/${authorisationId}`;

const href = (value: string) => ({ href: value });

/**
 * The `_links` of an authorisation's current step: where the PSU goes (REDIRECT), what the TPP
 * sends next (EMBEDDED), and always where to poll its scaStatus.
 */
export function authorisationLinks(
  consent: Pick<BankConsent, "id" | "kind" | "details">,
  authorisation: Pick<BankScaAuthorisation, "id" | "purpose" | "scaApproach" | "scaStatus">,
  portalUrl: string,
): Record<string, { href: string }> {
  const own = `${authorisationsPath(consent, authorisation.purpose as Purpose)}/${authorisation.id}`;
  const links: Record<string, { href: string }> = { scaStatus: href(own) };
  if (FINAL_SCA.has(authorisation.scaStatus)) return links;
  if (authorisation.scaApproach === "REDIRECT") links.scaRedirect = href(scaRedirectUrl(portalUrl, authorisation.id));
  else if (authorisation.scaApproach === "EMBEDDED") {
    const next: Record<string, string> = {
      received: "updatePsuIdentification",
      psuIdentified: "updatePsuAuthentication",
      psuAuthenticated: "selectAuthenticationMethod",
      scaMethodSelected: "authoriseTransaction",
    };
    if (next[authorisation.scaStatus]) links[next[authorisation.scaStatus]] = href(own);
  } else if (authorisation.scaStatus === "received") links.updatePsuIdentification = href(own);
  return links;
}

/** What the PSU is told while a DECOUPLED authorisation waits for the bank's app. */
export const decoupledMessage = (authorisationId: string) =>
  `Please approve this in your Open Bank app. (Sandbox: POST /v1/sandbox/berlin-group/authorisations/${authorisationId} with {"decision":"approve"} plays the PSU.)`;

/** The first status of a new authorisation. */
function initialStatus(approach: ScaApproach, psuId: string | undefined) {
  if (approach === "DECOUPLED") return "started";
  if (approach === "EMBEDDED" && psuId) return "psuIdentified";
  return "received";
}

/**
 * Creates an authorisation of a consent or payment resource (inside the caller's transaction) and
 * records where REDIRECT returns to in the resource's state.
 */
export async function createAuthorisation(
  tx: Prisma.TransactionClient,
  options: { consent: BankConsent; purpose: Purpose; sca: ScaRequest; now: Date },
): Promise<BankScaAuthorisation> {
  const { consent, purpose, sca, now } = options;
  const { body, state } = readDetails(consent.details);
  const id = newId("scaAuthorisation");
  const psuId = sca.psuId ?? state.psuId;
  const authorisation = await tx.bankScaAuthorisation.create({
    data: {
      id,
      tenantId: consent.tenantId,
      consentId: consent.id,
      purpose,
      scaApproach: sca.approach,
      scaStatus: initialStatus(sca.approach, psuId),
      psuId: psuId ?? null,
      createdAt: now,
      updatedAt: now,
    },
  });
  const next: BgState = { ...state, authorisations: { ...state.authorisations, [id]: sca.redirect ? { redirect: sca.redirect } : {} } };
  await tx.bankConsent.update({ where: { id: consent.id }, data: { details: writeDetails(body, next) } });
  return authorisation;
}

/** One authorisation of a resource, or RESOURCE_UNKNOWN (403: an id in the path that is not this TPP's). */
export async function getAuthorisationOrThrow(
  db: PrismaClient | Prisma.TransactionClient,
  options: { consent: BankConsent; purpose: Purpose; authorisationId: string },
): Promise<BankScaAuthorisation> {
  const row = await db.bankScaAuthorisation.findFirst({
    where: { id: options.authorisationId, consentId: options.consent.id, tenantId: options.consent.tenantId, purpose: options.purpose },
  });
  if (!row) throw new BgError(403, "RESOURCE_UNKNOWN", `No authorisation ${options.authorisationId} of this resource.`, "authorisationId");
  return row;
}

export async function listAuthorisationIds(db: PrismaClient, consent: BankConsent, purpose: Purpose): Promise<string[]> {
  const rows = await db.bankScaAuthorisation.findMany({
    where: { consentId: consent.id, tenantId: consent.tenantId, purpose },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
    take: 100,
  });
  return rows.map((row) => row.id);
}

/** Moves an authorisation on only from the status it was read in: a concurrent step wins once. */
export async function advanceAuthorisation(
  db: PrismaClient | Prisma.TransactionClient,
  authorisation: BankScaAuthorisation,
  data: { scaStatus: string; psuId?: string | null },
  now: Date,
): Promise<BankScaAuthorisation> {
  const { count } = await db.bankScaAuthorisation.updateMany({
    where: { id: authorisation.id, scaStatus: authorisation.scaStatus },
    data: { ...data, updatedAt: now },
  });
  if (count !== 1)
    throw new BgError(409, "STATUS_INVALID", `Authorisation ${authorisation.id} has moved on meanwhile; read its scaStatus.`);
  return { ...authorisation, ...data, updatedAt: now } as BankScaAuthorisation;
}
