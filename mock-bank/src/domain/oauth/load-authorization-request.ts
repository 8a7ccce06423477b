import type { PrismaClient } from "@prisma/client";
import { errorPage, type AuthorizationOutcome } from "./authorization-outcome";
import { csrfMatches, hashBrowserValue } from "./browser-binding";
import type { Scope } from "./scopes";

export type AuthorizationRequestRow = {
  id: string;
  tenantId: string;
  appId: string;
  appName: string;
  redirectUri: string;
  scopes: Scope[];
  state: string | null;
  codeChallenge: string;
  customerId: string | null;
  status: string;
  failedLogins: number;
};

/**
 * A login or consent step's request, if this browser started it, it is still open, and
 * (for form posts) the CSRF token matches. Otherwise the error page to show.
 */
export async function loadAuthorizationRequest(options: {
  db: PrismaClient;
  requestId: string | undefined;
  browserValue: string | undefined;
  /** undefined: a GET (no form token to check). */
  csrf?: string;
  secret: string;
  now: Date;
  expect: "pending" | "authenticated";
}): Promise<{ ok: true; request: AuthorizationRequestRow } | { ok: false; outcome: AuthorizationOutcome }> {
  const { db, requestId, browserValue, csrf, secret, now } = options;
  const expired = errorPage(
    400,
    "This request has expired",
    "For your security, this login page is no longer valid. Go back to the app and start again.",
  );
  if (!requestId || !/^azr_[A-Za-z0-9]{22}$/.test(requestId)) return { ok: false, outcome: expired };
  const row = await db.bankAuthorizationRequest.findUnique({ where: { id: requestId } });
  if (!row || row.expiresAt <= now || row.status === "completed") return { ok: false, outcome: expired };
  if (
    !browserValue ||
    hashBrowserValue(browserValue) !== row.browserHash ||
    (csrf !== undefined && !csrfMatches(secret, row.id, browserValue, csrf))
  ) {
    return {
      ok: false,
      outcome: errorPage(
        403,
        "This request could not be verified",
        "The form was not sent from the browser that started this request (or cookies are blocked). Go back to the app and start again.",
      ),
    };
  }
  if (row.status !== options.expect) {
    return { ok: false, outcome: errorPage(400, "This step is out of order", "Go back to the app and start again.") };
  }
  return { ok: true, request: { ...row, scopes: JSON.parse(row.scopes) as Scope[] } };
}
