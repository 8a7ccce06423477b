import type { Prisma, PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import { recordEvents } from "../events/record-event";
import { getConsentOrThrow } from "./get-consent-or-throw";
import { consentNotFound } from "./consent-not-found";

/**
 * Who ended a consent: the customer (the bank's connected-apps page), the app (its standard's DELETE,
 * or revoking a refresh token), the developer (/v1, the portal), or the authorization server when a
 * replayed authorization code or refresh token made it revoke every token (`token_replay`).
 */
export type RevokedBy = "customer" | "tpp" | "developer" | "token_replay";

/** A consent still in use can be revoked; one that ended (revoked, rejected, consumed) stays as it ended. */
const REVOCABLE = ["authorised", "awaiting_authorisation"];

/**
 * Revokes one consent of the app, of any standard, inside the caller's transaction: the one way a
 * consent is revoked (/v1 and the portal, a standard's DELETE, the customer's connected-apps page).
 * The status, who did it and when (tenant clock), every sandbox-minted token of it, and the
 * `consent.revoked` event, once. Tokens the authorization server issued are checked against the consent on every
 * call (/v1 and the standards alike), so they stop at once too. `customerId` limits it to that
 * customer's consents (the connected-apps page). Unknown or not this app's: consent_not_found.
 * Returns whether this call revoked it (false: it had already ended).
 */
export async function markConsentRevoked(
  tx: Prisma.TransactionClient,
  options: { tenantId: string; appId?: string; consentId: string; customerId?: string; revokedBy: RevokedBy; now: Date; tenantNow: Date },
): Promise<boolean> {
  const { tenantId, consentId, now, tenantNow } = options;
  const row = await tx.bankConsent.findFirst({
    where: { id: consentId, tenantId, appId: options.appId, customerId: options.customerId },
    select: { id: true, appId: true },
  });
  if (!row) throw consentNotFound(consentId);
  const revoked = await tx.bankConsent.updateMany({
    where: { id: consentId, status: { in: REVOCABLE } },
    data: { status: "revoked", revokedAt: tenantNow, revokedBy: options.revokedBy, statusUpdatedAt: tenantNow },
  });
  await tx.bankOAuthToken.updateMany({ where: { consentId, revokedAt: null }, data: { revokedAt: now } });
  if (revoked.count !== 1) return false;
  await recordEvents(tx, tenantId, tenantNow, [
    { type: "consent.revoked", object: { id: consentId, app_id: row.appId, revoked_at: tenantNow.toISOString() } },
  ]);
  return true;
}

/**
 * DELETE /v1/consents/{consent_id} (and the portal's revoke): the developer revokes one of the
 * app's consents, whatever standard it was made through. Revoking a consent that already ended
 * changes nothing and returns it.
 */
export async function revokeConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  now: Date;
  tenantNow: Date;
}): Promise<ConsentDto> {
  const { db, tenantId, appId, consentId, now, tenantNow } = options;
  await db.$transaction((tx) => markConsentRevoked(tx, { tenantId, appId, consentId, revokedBy: "developer", now, tenantNow }));
  return getConsentOrThrow({ db, tenantId, appId, consentId, tenantNow });
}
