import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { bgConsentStatus } from "./bg-details";
import { BgError } from "./bg-errors";
import { bgPaymentStatus } from "./bg-payment-status";
import { finaliseAuthorisation } from "./finalise-authorisation";
import { assertHolder } from "./update-psu-data";

export type DecoupledDecision = {
  authorisation_id: string;
  sca_status: string;
  resource: { type: "consent" | "payment" | "bulk_payment"; id: string; status: string };
};

/**
 * POST /v1/sandbox/berlin-group/authorisations/{authorisation_id}: the sandbox stands in for the
 * PSU's banking app in a DECOUPLED authorisation, approving or refusing it as a persona (the one
 * the TPP named in PSU-ID, else the holder of the accounts the resource names, else `persona`).
 * For a bank-offered or available-accounts consent, `account_ids` are the accounts the PSU picks
 * (default: all their payment accounts). Refusals are /v1 problems.
 */
export async function decideDecoupledAuthorisation(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  authorisationId: string;
  input: { decision: "approve" | "deny"; persona?: string; account_ids?: string[] };
  tenantNow: Date;
}): Promise<DecoupledDecision> {
  const { db, tenantId, appId, authorisationId, input, tenantNow } = options;
  const notFound = new AppError("resource_not_found", `No Berlin Group authorisation ${authorisationId} in this sandbox.`, {
    errors: [{ pointer: "/params/authorisation_id", detail: "no such authorisation" }],
  });
  const authorisation = await db.bankScaAuthorisation.findFirst({ where: { id: authorisationId, tenantId } });
  if (!authorisation) throw notFound;
  const consent = await db.bankConsent.findUniqueOrThrow({ where: { id: authorisation.consentId } });
  if (consent.appId !== appId) throw notFound;
  if (authorisation.scaApproach !== "DECOUPLED")
    throw new AppError(
      "conflict",
      `Authorisation ${authorisationId} uses ${authorisation.scaApproach}, not DECOUPLED: ${authorisation.scaApproach === "REDIRECT" ? "the PSU decides on the bank's page (_links.scaRedirect)" : "the TPP relays the PSU's password and OTP through the API"}.`,
    );

  let customerId: string | null = null;
  if (authorisation.psuId) {
    customerId =
      (await db.bankCustomer.findFirst({ where: { tenantId, username: authorisation.psuId }, select: { id: true } }))?.id ?? null;
  } else if (input.persona) {
    customerId = (await db.bankCustomer.findFirst({ where: { tenantId, persona: input.persona }, select: { id: true } }))?.id ?? null;
  } else {
    const named = JSON.parse(consent.accountIds) as string[];
    if (named.length)
      customerId = (await db.bankAccount.findFirst({ where: { id: named[0] }, select: { customerId: true } }))?.customerId ?? null;
  }
  if (input.decision === "approve" && !customerId)
    throw new AppError(
      "validation_failed",
      "persona: name the persona who approves (the consent names no accounts and the TPP sent no PSU-ID).",
      {
        errors: [{ pointer: "/body/persona", detail: "is required for this authorisation" }],
      },
    );

  try {
    if (input.decision === "approve") await assertHolder(db, consent, customerId!);
    const done = await finaliseAuthorisation({
      db,
      authorisation,
      outcome:
        input.decision === "approve"
          ? { decision: "approve", customerId: customerId!, accountIds: input.account_ids }
          : { decision: "deny" },
      tenantNow,
    });
    const after = await db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } });
    const status =
      after.kind === "account_access" ? bgConsentStatus(after, tenantNow) : (await bgPaymentStatus(db, after)).transactionStatus;
    return {
      authorisation_id: done.id,
      sca_status: done.scaStatus,
      resource: { type: after.kind === "account_access" ? "consent" : (after.kind as "payment" | "bulk_payment"), id: after.id, status },
    };
  } catch (error) {
    if (!(error instanceof BgError)) throw error;
    // The standard's refusals, in /v1's terms: a state that does not allow it, or a PSU who cannot.
    if (error.status === 409) throw new AppError("conflict", error.message);
    throw new AppError("validation_failed", error.message, { errors: [{ pointer: "/body", detail: error.message }] });
  }
}
