import type { Prisma } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import type { Scope } from "../oauth/scopes";

/** Consents last 90 days on the tenant's clock (as UK open banking's re-authentication period). */
export const CONSENT_DAYS = 90;

/** The most accounts one consent shares: the bound the API documents for `account_ids`. */
export const MAX_CONSENT_ACCOUNTS = 100;

/** Writes an authorised consent inside the caller's transaction. */
export async function createConsent(
  tx: Prisma.TransactionClient,
  input: {
    tenantId: string;
    appId: string;
    customerId: string;
    permissions: Scope[];
    accountIds: string[];
    source: "authorization_code" | "sandbox";
    now: Date;
    days?: number;
    /** The authorization server's grant the consent was given in. */
    grantId?: string;
  },
) {
  if (input.accountIds.length > MAX_CONSENT_ACCOUNTS) {
    const detail = `a consent shares at most ${MAX_CONSENT_ACCOUNTS} accounts; choose them with account_ids`;
    throw new AppError("validation_failed", `account_ids: ${detail}`, { errors: [{ pointer: "/body/account_ids", detail }] });
  }
  return tx.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId: input.tenantId,
      appId: input.appId,
      customerId: input.customerId,
      permissions: JSON.stringify(input.permissions),
      accountIds: JSON.stringify(input.accountIds),
      status: "authorised",
      source: input.source,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + (input.days ?? CONSENT_DAYS) * 86_400_000),
      grantId: input.grantId ?? null,
    },
  });
}
