import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { createConsent } from "../consents/create-consent";
import { errorPage, redirectTo, type AuthorizationOutcome } from "./authorization-outcome";
import type { AuthorizationRequestRow } from "./load-authorization-request";
import { consentScreenAccounts, loadConsentScreen } from "./load-consent-screen";
import { generateToken, hashToken } from "./opaque-token";

/** Authorization codes live 60 s of real time (RFC 9700 §4.1: short-lived, single use). */
export const CODE_TTL_MS = 60_000;

/**
 * POST /oauth/authorize/decision. Approve: one transaction writes the consent (expiry on
 * the tenant clock), the code (hashed) and closes the request; the browser goes back to the
 * app with `code`, `state` and `iss` (RFC 9207). Deny: `error=access_denied`.
 */
export async function decideAuthorization(options: {
  db: PrismaClient;
  request: AuthorizationRequestRow;
  decision: string;
  accountIds: string[];
  browserValue: string;
  secret: string;
  issuer: string;
  /** The real clock (the code's lifetime) and the tenant's clock (the consent's). */
  now: Date;
  tenantNow: Date;
}): Promise<AuthorizationOutcome> {
  const { db, request, issuer } = options;
  const state = request.state ?? undefined;

  if (options.decision === "deny") {
    await db.bankAuthorizationRequest.update({ where: { id: request.id }, data: { status: "completed" } });
    return redirectTo(request.redirectUri, {
      error: "access_denied",
      error_description: "The customer declined to share their accounts.",
      state,
      iss: issuer,
    });
  }

  const allowed = new Set((await consentScreenAccounts(db, request)).map((account) => account.id));
  const chosen = [...new Set(options.accountIds)];
  if (options.decision !== "approve" || !chosen.length || !chosen.every((id) => allowed.has(id))) {
    return loadConsentScreen({
      db,
      request,
      browserValue: options.browserValue,
      secret: options.secret,
      error: "Choose at least one account to share, or deny the request.",
    });
  }

  const code = generateToken("code");
  const decided = await db.$transaction(async (tx) => {
    // A double-clicked Approve: only the first post decides.
    const closed = await tx.bankAuthorizationRequest.updateMany({
      where: { id: request.id, status: "authenticated" },
      data: { status: "completed" },
    });
    if (closed.count !== 1) return false;
    const consent = await createConsent(tx, {
      tenantId: request.tenantId,
      appId: request.appId,
      customerId: request.customerId!,
      permissions: request.scopes,
      accountIds: chosen.sort(),
      source: "authorization_code",
      now: options.tenantNow,
    });
    await tx.bankAuthorizationCode.create({
      data: {
        id: newId("authorizationCode"),
        hash: hashToken(code),
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: consent.id,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        expiresAt: new Date(options.now.getTime() + CODE_TTL_MS),
      },
    });
    return true;
  });
  if (!decided) return errorPage(400, "This request was already decided", "Go back to the app and start again if you need to.");
  return redirectTo(request.redirectUri, { code, state, iss: issuer });
}
