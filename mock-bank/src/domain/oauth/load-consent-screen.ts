import type { PrismaClient } from "@prisma/client";
import type { AuthorizationOutcome, ConsentScreenAccount } from "./authorization-outcome";
import { csrfToken } from "./browser-binding";
import type { AuthorizationRequestRow } from "./load-authorization-request";

/** The logged-in customer's accounts, as the consent screen lists them. */
export async function consentScreenAccounts(db: PrismaClient, request: AuthorizationRequestRow): Promise<ConsentScreenAccount[]> {
  const rows = await db.bankAccount.findMany({
    where: { tenantId: request.tenantId, customerId: request.customerId!, status: { not: "closed" } },
    orderBy: { id: "asc" },
    select: { id: true, name: true, type: true, status: true, accountNumber: true, maskedPan: true, sortCode: true },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status,
    identifier:
      row.maskedPan ??
      (row.sortCode && row.accountNumber
        ? `${row.sortCode.replace(/(\d\d)(\d\d)(\d\d)/, "$1-$2-$3")} ····${row.accountNumber.slice(-4)}`
        : ""),
  }));
}

/** GET /oauth/authorize/consent: what the app asks for and which accounts to share. */
export async function loadConsentScreen(options: {
  db: PrismaClient;
  request: AuthorizationRequestRow;
  browserValue: string;
  secret: string;
  error?: string;
}): Promise<AuthorizationOutcome> {
  const { db, request } = options;
  const customer = await db.bankCustomer.findUniqueOrThrow({
    where: { id: request.customerId! },
    select: { givenName: true, familyName: true },
  });
  return {
    kind: "consent",
    requestId: request.id,
    appName: request.appName,
    scopes: request.scopes,
    csrf: csrfToken(options.secret, request.id, options.browserValue),
    customerName: `${customer.givenName} ${customer.familyName}`,
    accounts: await consentScreenAccounts(db, request),
    error: options.error,
  };
}
