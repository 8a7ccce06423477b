import type { BankScaAuthorisation, PrismaClient } from "@prisma/client";
import type { ConsentsInput } from "../../schemas/berlin-group/consents";
import { BgError } from "./bg-errors";
import { isoDay, readDetails, writeDetails } from "./bg-details";
import { accessKind } from "./create-bg-consent";
import { executeBgPayment } from "./execute-bg-payment";
import { eligibleAccountIds } from "./psu-accounts";
import { advanceAuthorisation, FINAL_SCA } from "./sca-authorisation";
import { cancelBgPayment } from "./cancel-bg-payment";

export type ScaDecision =
  | {
      decision: "approve";
      customerId: string;
      /** The accounts the PSU picked on the page (bank-offered, availableAccounts). */ accountIds?: string[];
      /** Sandbox scenario `partial_grant`: a bank-offered consent gets no transactions. */
      partial?: boolean;
    }
  | { decision: "deny" };

/**
 * The end of an authorisation, whichever approach got there (the bank's page, the decoupled
 * control, the EMBEDDED OTP): the authorisation is `finalised` or `failed`, and what it authorised
 * follows in the same transaction:
 * - an account-information consent becomes `valid` for the PSU's accounts (a recurring one ends
 *   the PSU's earlier recurring consents with this TPP, as the standard says), or `rejected`;
 * - a payment resource is authorised and then executed through the one ledger, or `rejected`;
 * - a cancellation cancels the payment.
 */
export async function finaliseAuthorisation(options: {
  db: PrismaClient;
  authorisation: BankScaAuthorisation;
  outcome: ScaDecision;
  tenantNow: Date;
}): Promise<BankScaAuthorisation> {
  const { db, authorisation, outcome, tenantNow } = options;
  if (FINAL_SCA.has(authorisation.scaStatus))
    throw new BgError(409, "STATUS_INVALID", `Authorisation ${authorisation.id} is already ${authorisation.scaStatus}.`);
  const consent = await db.bankConsent.findUniqueOrThrow({ where: { id: authorisation.consentId } });
  const approve = outcome.decision === "approve";

  if (authorisation.purpose === "cancellation") {
    const updated = await advanceAuthorisation(db, authorisation, { scaStatus: approve ? "finalised" : "failed" }, tenantNow);
    if (approve) await cancelBgPayment({ db, consent, tenantNow });
    return updated;
  }
  if (consent.status !== "awaiting_authorisation" || consent.expiresAt <= tenantNow) {
    await advanceAuthorisation(db, authorisation, { scaStatus: "failed" }, tenantNow);
    throw new BgError(
      409,
      "STATUS_INVALID",
      `The ${consent.kind === "account_access" ? "consent" : "payment"} no longer awaits authorisation.`,
    );
  }

  const { body, state } = readDetails<Record<string, unknown>>(consent.details);
  state.lastActionDate = isoDay(tenantNow);
  let data: { status: string; customerId?: string; accountIds?: string; details: string };
  if (!approve) data = { status: "rejected", details: writeDetails(body, state) };
  else if (consent.kind === "account_access") {
    const input = body as unknown as ConsentsInput;
    const kind = accessKind(input.access);
    let accountIds = JSON.parse(consent.accountIds) as string[];
    if (kind !== "dedicated") {
      const eligible = await eligibleAccountIds(db, {
        tenantId: consent.tenantId,
        customerId: outcome.customerId,
        restrictedTo: input.access.restrictedTo,
      });
      const chosen = outcome.accountIds ? [...new Set(outcome.accountIds)].sort() : eligible;
      if (!chosen.length || chosen.some((id) => !eligible.includes(id)))
        throw new BgError(400, "FORMAT_ERROR", "Choose at least one of the PSU's payment accounts.");
      accountIds = kind === "allPsd2" ? eligible : chosen;
      if (kind === "bankOffered") {
        // The bank fills in what the PSU chose: the consent then reads as a dedicated one.
        const rows = await db.bankAccount.findMany({ where: { id: { in: accountIds } }, select: { iban: true, currency: true } });
        const references = rows.map((row) => ({ iban: row.iban!, currency: row.currency }));
        const partial = outcome.decision === "approve" && outcome.partial;
        input.access = { ...input.access, accounts: references, balances: references, transactions: partial ? [] : references };
      }
    } else {
      const owners = await db.bankAccount.findMany({ where: { id: { in: accountIds } }, select: { customerId: true } });
      if (owners.some((row) => row.customerId !== outcome.customerId))
        throw new BgError(401, "PSU_CREDENTIALS_INVALID", "The PSU does not hold the accounts this consent names.");
    }
    data = {
      status: "authorised",
      customerId: outcome.customerId,
      accountIds: JSON.stringify(accountIds),
      details: writeDetails(input, state),
    };
  } else {
    const debtor = await db.bankAccount.findFirst({
      where: { id: (JSON.parse(consent.accountIds) as string[])[0] },
      select: { customerId: true },
    });
    if (debtor?.customerId !== outcome.customerId)
      throw new BgError(401, "PSU_CREDENTIALS_INVALID", "The PSU does not hold the debtor account of this payment.");
    data = { status: "authorised", customerId: outcome.customerId, details: writeDetails(body, state) };
  }

  const updated = await db.$transaction(async (tx) => {
    const { count } = await tx.bankConsent.updateMany({
      where: { id: consent.id, status: "awaiting_authorisation" },
      data: { ...data, statusUpdatedAt: tenantNow },
    });
    if (count !== 1) throw new BgError(409, "STATUS_INVALID", "The resource was authorised, rejected or ended meanwhile.");
    const done = await advanceAuthorisation(tx, authorisation, { scaStatus: approve ? "finalised" : "failed" }, tenantNow);
    if (approve && consent.kind === "account_access" && (body as { recurringIndicator?: boolean }).recurringIndicator) {
      // NextGenPSD2: a new recurring consent, once authorised, ends the PSU's former one with this TPP.
      const former = await tx.bankConsent.findMany({
        where: {
          tenantId: consent.tenantId,
          appId: consent.appId,
          standard: "berlin_group",
          kind: "account_access",
          customerId: outcome.decision === "approve" ? outcome.customerId : undefined,
          status: "authorised",
          expiresAt: { gt: tenantNow },
          id: { not: consent.id },
        },
        select: { id: true, details: true },
      });
      const recurring = former.filter((row) => readDetails<{ recurringIndicator?: boolean }>(row.details).body.recurringIndicator);
      if (recurring.length)
        await tx.bankConsent.updateMany({
          where: { id: { in: recurring.map((row) => row.id) } },
          data: { expiresAt: tenantNow, statusUpdatedAt: tenantNow },
        });
    }
    return done;
  });
  if (approve && consent.kind !== "account_access") await executeBgPayment({ db, consentId: consent.id, tenantNow });
  return updated;
}
