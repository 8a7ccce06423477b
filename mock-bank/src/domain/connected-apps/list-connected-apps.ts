import type { PrismaClient } from "@prisma/client";
import { recordKey } from "../oauth/oidc-adapter";
import { consentScreenAccounts } from "../oauth/consent-screen-accounts";
import { describeConsent, type ConsentWords } from "./describe-consent";

/** One app's access, as the customer sees it on the connected-apps page. */
export type ConnectedAccess = {
  consentId: string;
  /** The app's name as its OAuth client carries it, or null when the bank never learnt it. */
  appName: string | null;
  appId: string;
  words: ConsentWords;
  /** When the customer authorised it (tenant clock). */
  since: Date;
  accounts: { name: string; identifier: string }[];
};

const clientName = (payload: string): string | null => {
  try {
    const name = (JSON.parse(payload) as { client_name?: unknown }).client_name;
    return typeof name === "string" && name ? name : null;
  } catch {
    return null;
  }
};

/**
 * The names of the apps behind some consents: the client of the grant the consent was authorised
 * in (a client registered with the app's software statement has its own name), else the app's name
 * as the portal's signed link gave it, else the app's portal client as the gateway last described it.
 */
async function appNames(
  db: PrismaClient,
  consents: { id: string; appId: string; grantId: string | null }[],
  known: { appId: string; name: string },
) {
  const grantIds = consents.flatMap((consent) => (consent.grantId ? [consent.grantId] : []));
  const grants = await db.bankOidcRecord.findMany({
    where: { key: { in: grantIds.map((id) => recordKey("Grant", id)) } },
    select: { key: true, clientId: true },
  });
  const clientOfGrant = new Map(grants.map((grant) => [grant.key, grant.clientId]));
  const clientIds = [...new Set(grants.flatMap((grant) => (grant.clientId ? [grant.clientId] : [])))];
  const clients = await db.bankOidcRecord.findMany({
    where: { key: { in: clientIds.map((id) => recordKey("Client", id)) } },
    select: { clientId: true, payload: true },
  });
  const nameOfClient = new Map(clients.map((client) => [client.clientId, clientName(client.payload)]));
  const nameOfApp = new Map<string, string | null>();
  if (known.name) nameOfApp.set(known.appId, known.name);
  for (const appId of new Set(consents.map((consent) => consent.appId))) {
    if (nameOfApp.has(appId)) continue;
    const portalClient = await db.bankOidcRecord.findFirst({
      where: { kind: "Client", clientId: { startsWith: "cli_" }, payload: { contains: `"app_id":${JSON.stringify(appId)}` } },
      orderBy: { createdAt: "desc" },
      select: { payload: true },
    });
    nameOfApp.set(appId, portalClient ? clientName(portalClient.payload) : null);
  }
  return new Map(
    consents.map((consent) => {
      const client = consent.grantId ? clientOfGrant.get(recordKey("Grant", consent.grantId)) : undefined;
      return [consent.id, (client && nameOfClient.get(client)) ?? nameOfApp.get(consent.appId) ?? null];
    }),
  );
}

/**
 * Every app's access the customer authorised in this sandbox, across /v1 and the standards, newest
 * first: only what still works (authorised, not expired on the tenant clock).
 */
export async function listConnectedApps(options: {
  db: PrismaClient;
  tenantId: string;
  customerId: string;
  /** The sandbox's app's name, from the portal's link ("" when unknown). */
  appName?: string;
  tenantNow: Date;
}): Promise<ConnectedAccess[]> {
  const { db, tenantId, customerId, tenantNow } = options;
  const consents = await db.bankConsent.findMany({
    where: { tenantId, customerId, status: "authorised", expiresAt: { gt: tenantNow } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const names = await appNames(db, consents, { appId: tenantId, name: options.appName ?? "" });
  const accounts = new Map((await consentScreenAccounts(db, { tenantId, customerId })).map((account) => [account.id, account]));
  return consents.map((consent) => {
    const ids = (() => {
      try {
        const value = JSON.parse(consent.accountIds) as unknown;
        return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
      } catch {
        return [];
      }
    })();
    return {
      consentId: consent.id,
      appName: names.get(consent.id) ?? null,
      appId: consent.appId,
      words: describeConsent(consent),
      since: consent.statusUpdatedAt ?? consent.createdAt,
      accounts: ids.flatMap((id) => {
        const account = accounts.get(id);
        return account ? [{ name: account.name, identifier: account.identifier }] : [];
      }),
    };
  });
}
