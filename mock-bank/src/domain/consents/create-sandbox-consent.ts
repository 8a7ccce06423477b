import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { issueTokens, type TokenResponse } from "../oauth/issue-tokens";
import { SCOPES, type Scope } from "../oauth/scopes";
import type { ConsentDto } from "../../schemas/consent";
import { createConsent } from "./create-consent";
import { consentSelect, toConsentDto } from "./consent-dto";

/**
 * POST /v1/sandbox/consents: a consent and its first tokens for a persona, without the
 * browser (as Plaid's sandbox public-token). Same rows and rules as a real authorization;
 * only `source` differs. The family of its tokens is the consent itself.
 */
export async function createSandboxConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  input: { persona: string; permissions: Scope[]; account_ids?: string[] };
  tenantNow: Date;
}): Promise<{ consent: ConsentDto } & TokenResponse> {
  const { db, tenantId, appId, input, tenantNow } = options;
  const customer = await db.bankCustomer.findFirst({ where: { tenantId, persona: input.persona }, select: { id: true, persona: true } });
  if (!customer) {
    throw new AppError("validation_failed", `persona: no persona "${input.persona}" in this sandbox`, {
      errors: [{ pointer: "/body/persona", detail: "is not a sandbox persona (see the sandbox reference)" }],
    });
  }
  const accounts = await db.bankAccount.findMany({
    where: { tenantId, customerId: customer.id, status: { not: "closed" } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const owned = new Set(accounts.map((account) => account.id));
  const chosen = input.account_ids ? [...new Set(input.account_ids)] : [...owned];
  const foreign = chosen.findIndex((id) => !owned.has(id));
  if (foreign >= 0) {
    throw new AppError("validation_failed", `account_ids/${foreign}: not one of ${input.persona}'s accounts`, {
      errors: [{ pointer: `/body/account_ids/${foreign}`, detail: `is not one of ${input.persona}'s accounts` }],
    });
  }
  const permissions = SCOPES.filter((scope) => input.permissions.includes(scope));
  return db.$transaction(async (tx) => {
    const consent = await createConsent(tx, {
      tenantId,
      appId,
      customerId: customer.id,
      permissions,
      accountIds: chosen.sort(),
      source: "sandbox",
      now: tenantNow,
    });
    const tokens = await issueTokens(tx, { tenantId, appId, consent, familyId: consent.id, tenantNow });
    const row = await tx.bankConsent.findUniqueOrThrow({ where: { id: consent.id }, select: consentSelect });
    return { consent: toConsentDto(row, customer.persona, tenantNow), ...tokens };
  });
}
