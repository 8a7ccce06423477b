import type { PrismaClient } from "@prisma/client";
import { decodeClientDescriptor } from "@openbank/contracts/oauth-client";
import { BgError } from "./bg-errors";
import type { Redirects, ScaApproach } from "./bg-details";

/** What a request asks of the SCA of the consent, payment or authorisation it creates. */
export type ScaRequest = {
  approach: ScaApproach;
  /** Checked against the app's registered redirect URIs (REDIRECT needs one). */
  redirect?: Redirects;
  /** PSU-ID: the PSU's login (`user_<persona>`), if the TPP knows it. */
  psuId?: string;
  /** TPP-Explicit-Authorisation-Preferred: no implicit authorisation with the resource. */
  explicit: boolean;
};

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * The SCA approach the TPP prefers (TPP-Redirect-Preferred, TPP-Decoupled-Preferred): DECOUPLED
 * when asked for, EMBEDDED when the TPP does not want to be redirected, REDIRECT otherwise (the
 * bank's own page, the default).
 */
export function chooseScaApproach(headers: Headers): ScaApproach {
  if (header(headers, "tpp-decoupled-preferred") === "true") return "DECOUPLED";
  if (header(headers, "tpp-redirect-preferred") === "false") return "EMBEDDED";
  return "REDIRECT";
}

/**
 * The redirect URIs registered for the app: its OAuth client's (as the gateway describes it on
 * this request, or as the authorization server last stored it: BankOidcRecord "Client" rows, kept
 * whenever the app uses /oauth), and those of clients it registered with its software statement.
 */
export async function registeredRedirectUris(db: PrismaClient, appId: string, described: unknown): Promise<Set<string>> {
  const uris = new Set<string>();
  const client = decodeClientDescriptor(typeof described === "string" ? described : undefined);
  if (client?.app_id === appId) for (const uri of client.redirect_uris) uris.add(uri);
  const rows = await db.bankOidcRecord.findMany({
    where: { kind: "Client", payload: { contains: `"app_id":${JSON.stringify(appId)}` } },
    select: { payload: true },
    take: 100,
  });
  for (const row of rows) {
    const metadata = JSON.parse(row.payload) as { app_id?: unknown; redirect_uris?: unknown };
    if (metadata.app_id === appId && Array.isArray(metadata.redirect_uris))
      for (const uri of metadata.redirect_uris) if (typeof uri === "string") uris.add(uri);
  }
  return uris;
}

/**
 * Reads the SCA headers of a request that starts an authorisation (implicitly with a consent or
 * payment, or explicitly). A redirect URI the app has not registered is refused: the bank's page
 * would otherwise send the PSU anywhere the request names (an open redirect).
 */
export async function readScaRequest(options: {
  db: PrismaClient;
  appId: string;
  headers: Headers;
  /** The redirect URIs of the resource, when an explicit authorisation names none. */
  fallback?: Redirects;
}): Promise<ScaRequest> {
  const { db, appId, headers } = options;
  const approach = chooseScaApproach(headers);
  const ok = header(headers, "tpp-redirect-uri");
  const nok = header(headers, "tpp-nok-redirect-uri");
  const psuId = header(headers, "psu-id");
  const explicit = header(headers, "tpp-explicit-authorisation-preferred") === "true";
  let redirect: Redirects | undefined;
  if (ok || nok) {
    const registered = await registeredRedirectUris(db, appId, headers["x-oauth-client"]);
    for (const [name, uri] of [
      ["TPP-Redirect-URI", ok],
      ["TPP-Nok-Redirect-URI", nok],
    ] as const) {
      if (uri && !registered.has(uri))
        throw new BgError(
          400,
          "FORMAT_ERROR",
          `${name} ${uri} is not a redirect URI of this app. Register it with the app's OAuth client in the portal (Security profile): exact match, no open redirects.`,
          name,
        );
    }
    if (!ok) throw new BgError(400, "FORMAT_ERROR", "TPP-Nok-Redirect-URI needs a TPP-Redirect-URI beside it.", "TPP-Redirect-URI");
    redirect = { ok, ...(nok ? { nok } : {}) };
  }
  redirect ??= options.fallback;
  if (approach === "REDIRECT" && !redirect && !explicit)
    throw new BgError(
      400,
      "FORMAT_ERROR",
      "TPP-Redirect-URI is required for the REDIRECT SCA approach (the default). Send one of the app's registered redirect URIs, or TPP-Redirect-Preferred: false (EMBEDDED) or TPP-Decoupled-Preferred: true (DECOUPLED).",
      "TPP-Redirect-URI",
    );
  return { approach, redirect, psuId, explicit };
}
