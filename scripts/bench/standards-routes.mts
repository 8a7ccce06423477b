/**
 * The routes bench:gateway measures beyond /v1's key-authenticated calls (issue 20): a /v1 read
 * with a consent token beside the same read with the app's key, and the open-banking standards'
 * account and payment routes as a partner calls them, with a bearer consent token, a DPoP-bound
 * one (a fresh proof per request, made before the run), or the app's key and a consent id.
 *
 * Everything is set up as a developer would: a sandbox consent minted with the key, a UK consent
 * authorised by the customer on the bank's pages and its code exchanged at /oauth/token (once
 * without and once with a DPoP proof), a Berlin Group consent and payment approved with the
 * sandbox's decoupled-SCA control. "direct" calls the bank with the headers the gateway would add.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";
import { BankBrowser } from "../../tests/support/bank-browser";
import type { PortalClient } from "../../tests/support/portal-client";

/** Headers for request number `index` of a run (DPoP: each request its own proof). */
export type HeadersFor = (index: number) => Record<string, string>;
export type BenchTarget = {
  name: string;
  base: string;
  headers: Record<string, string>;
  headersFor?: (count: number) => HeadersFor;
  /** The direct target this one is compared with (the bank doing the same work): "direct" unless named. */
  baseline?: string;
};
export type BenchRoute = { name: string; path: string; targets: BenchTarget[] };

const REDIRECT_URI = "http://localhost:8080/callback";
const PSU = { "psu-id": "user_good_credit", "psu-ip-address": "192.0.2.10", "tpp-decoupled-preferred": "true" };

type Setup = {
  portalUrl: string;
  /** The gateway's origin for load (127.0.0.1), the portal's public URL for DPoP's `htu`. */
  gatewayBase: string;
  bankUrl: string;
  internal: Record<string, string>;
  developer: PortalClient;
  appId: string;
  apiKey: string;
};

async function json(response: Response, what: string) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** A DPoP proof (RFC 9449) signed with node:crypto: about 30 µs, so thousands can be made before a run. */
function dpopProof(key: { privateKey: KeyObject; jwk: object }, claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode({ typ: "dpop+jwt", alg: "ES256", jwk: key.jwk })}.${encode(claims)}`;
  const signature = sign("sha256", Buffer.from(input), { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

function dpopKey() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  return { privateKey: createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" })), jwk: { kty, crv, x, y } };
}

/** The UK consent authorised by the customer; the code exchanged with (DPoP-bound token) or without a proof. */
async function ukToken(setup: Setup, client: { id: string; secret: string }, dpop?: ReturnType<typeof dpopKey>) {
  const uk = `${setup.portalUrl}/open-banking/v4.0/aisp`;
  const consent = await json(
    await fetch(`${uk}/account-access-consents`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${setup.apiKey}`,
        "content-type": "application/json",
        "x-fapi-interaction-id": randomUUID(),
      },
      body: JSON.stringify({
        Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"], ExpirationDateTime: "2099-01-01T00:00:00+00:00" },
        Risk: {},
      }),
    }),
    "UK account-access-consent",
  );
  const verifier = randomUUID() + randomUUID();
  const query = new URLSearchParams({
    client_id: client.id,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid accounts",
    state: randomUUID(),
    nonce: randomUUID(),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    claims: JSON.stringify({ id_token: { openbanking_intent_id: { value: consent.Data.ConsentId, essential: true } } }),
  });
  const walk = await new BankBrowser(setup.portalUrl).authorize(`/oauth/authorize?${query}`, { choose: (ids) => ids });
  if (!walk.code) throw new Error(`UK consent walk ended without a code: ${walk.location ?? walk.loginPage.html.slice(0, 300)}`);
  const tokenUrl = `${setup.portalUrl}/oauth/token`;
  const exchange = (nonce?: string) =>
    fetch(tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        ...(dpop
          ? {
              dpop: dpopProof(dpop, {
                htm: "POST",
                htu: tokenUrl,
                iat: Math.floor(Date.now() / 1000),
                jti: randomUUID(),
                ...(nonce ? { nonce } : {}),
              }),
            }
          : {}),
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: walk.code!,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      }),
    });
  let response = await exchange();
  // The authorization server may ask for its nonce first (use_dpop_nonce): the same code, a proof with the nonce.
  if (dpop && response.status === 400 && response.headers.get("dpop-nonce")) response = await exchange(response.headers.get("dpop-nonce")!);
  const tokens = await json(response, "UK token exchange");
  if (dpop && tokens.token_type !== "DPoP") throw new Error(`expected a DPoP-bound token, got ${tokens.token_type}`);
  return tokens.access_token as string;
}

/** Per-request DPoP proofs for `path`, made before the run (iat now, valid for the gateway's 60 s window), with the gateway's nonce. */
async function dpopHeaders(setup: Setup, key: ReturnType<typeof dpopKey>, token: string, path: string) {
  const htu = `${setup.portalUrl}${path.split("?")[0]}`;
  const ath = createHash("sha256").update(token).digest("base64url");
  const proof = (nonce?: string) =>
    dpopProof(key, { htm: "GET", htu, iat: Math.floor(Date.now() / 1000), jti: randomUUID(), ath, ...(nonce ? { nonce } : {}) });
  const first = await fetch(`${setup.gatewayBase}${path}`, {
    headers: { authorization: `DPoP ${token}`, dpop: proof(), "x-fapi-interaction-id": randomUUID() },
  });
  await first.arrayBuffer();
  const nonce = first.headers.get("dpop-nonce");
  if (!nonce) throw new Error(`the gateway handed out no DPoP nonce (${first.status})`);
  return (count: number): HeadersFor => {
    const proofs = Array.from({ length: count }, () => proof(nonce));
    return (index) => ({ authorization: `DPoP ${token}`, dpop: proofs[index % proofs.length] });
  };
}

export async function standardsRoutes(setup: Setup): Promise<BenchRoute[]> {
  const { developer, appId, apiKey, gatewayBase, bankUrl, internal } = setup;
  const key = { authorization: `Bearer ${apiKey}` };
  const direct = (headers: Record<string, string>, name = "direct"): BenchTarget => ({
    name,
    base: bankUrl,
    headers: { ...internal, "x-request-id": "req_bench", ...headers },
  });
  const gateway = (
    name: string,
    headers: Record<string, string>,
    more: Pick<BenchTarget, "headersFor" | "baseline"> = {},
  ): BenchTarget => ({
    name,
    base: gatewayBase,
    headers,
    ...more,
  });

  // /v1 with a consent token (minted for a persona, as Plaid's sandbox public token) beside the key.
  const minted = await json(
    await fetch(`${setup.portalUrl}/v1/sandbox/consents`, {
      method: "POST",
      headers: { ...key, "content-type": "application/json" },
      body: JSON.stringify({ persona: "good_credit", permissions: ["accounts:read", "transactions:read"] }),
    }),
    "minting a sandbox consent",
  );
  const account = minted.consent.account_ids[0] as string;

  // UK Open Banking: the app's OAuth client and two customer authorisations (bearer, DPoP-bound).
  const oauthClient = await developer.json("GET", `/api/apps/${appId}/oauth-client`);
  const secret = await developer.json("POST", `/api/apps/${appId}/oauth-client/secret`);
  if (secret.status !== 201) throw new Error(`a new OAuth client secret answered ${secret.status}`);
  const client = { id: oauthClient.body.client_id as string, secret: secret.body.client_secret as string };
  const ukBearer = await ukToken(setup, client);
  const proofKey = dpopKey();
  const ukDpop = await ukToken(setup, client, proofKey);
  const ukPath = "/open-banking/v4.0/aisp/accounts";
  const interaction = { "x-fapi-interaction-id": randomUUID() };

  // Berlin Group: a consent and a payment, each approved with the decoupled-SCA control.
  const bg = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    json(
      await fetch(`${setup.portalUrl}/berlin-group/v1${path}`, {
        method,
        headers: { ...key, "x-request-id": randomUUID(), ...(body ? { "content-type": "application/json" } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      }),
      `Berlin Group ${method} ${path}`,
    );
  const approve = async (authorisationId: string) =>
    json(
      await fetch(`${setup.portalUrl}/v1/sandbox/berlin-group/authorisations/${authorisationId}`, {
        method: "POST",
        headers: { ...key, "content-type": "application/json" },
        body: JSON.stringify({ decision: "approve" }),
      }),
      "approving a Berlin Group authorisation",
    );
  const consent = await bg(
    "POST",
    "/consents",
    {
      access: { allPsd2: "allAccounts" },
      recurringIndicator: true,
      validUntil: "2099-01-01",
      frequencyPerDay: 4,
      combinedServiceIndicator: false,
    },
    { ...PSU, "tpp-explicit-authorisation-preferred": "true" },
  );
  await approve((await bg("POST", `/consents/${consent.consentId}/authorisations`, undefined, PSU)).authorisationId);
  const accounts = await json(
    await fetch(`${bankUrl}/v1/accounts?limit=100`, { headers: { ...internal, "x-request-id": "req_bench_setup" } }),
    "the app's accounts",
  );
  const own = new Set<string>(minted.consent.account_ids);
  const current = accounts.data.find(
    (one: { id: string; type: string; identifiers: { iban?: string } }) =>
      own.has(one.id) && one.type === "current" && one.identifiers.iban,
  );
  const payment = await bg(
    "POST",
    "/payments/sepa-credit-transfers",
    {
      endToEndIdentification: "BENCH-0001",
      debtorAccount: { iban: current.identifiers.iban },
      instructedAmount: { currency: "GBP", amount: "1.00" },
      creditorAccount: { iban: "GB33BUKB20201555555555" },
      creditorName: "Bench Ltd",
    },
    PSU,
  );
  const bgRequest = { "x-request-id": randomUUID() };
  const bgConsent = { "consent-id": consent.consentId as string, "psu-ip-address": PSU["psu-ip-address"] };
  const paymentPath = `/berlin-group/v1/payments/sepa-credit-transfers/${payment.paymentId}/status`;

  return [
    {
      name: "v1 account",
      path: `/v1/accounts/${account}`,
      // The bank checks a consent token on every call (direct·token), a key's call it just serves.
      targets: [
        direct({}),
        direct({ "x-consent-token": minted.access_token }, "direct·token"),
        gateway("gw·key", key),
        gateway("gw·token", { authorization: `Bearer ${minted.access_token}` }, { baseline: "direct·token" }),
      ],
    },
    {
      name: "uk accounts",
      path: ukPath,
      targets: [
        direct({ ...interaction, "x-consent-token": ukBearer }),
        gateway("gw·token", { ...interaction, authorization: `Bearer ${ukBearer}` }),
        gateway("gw·dpop", interaction, { headersFor: await dpopHeaders(setup, proofKey, ukDpop, ukPath) }),
      ],
    },
    {
      name: "bg accounts",
      path: "/berlin-group/v1/accounts",
      targets: [
        direct({ ...bgConsent, "x-bg-request-id": bgRequest["x-request-id"] }),
        gateway("gw·key", { ...key, ...bgConsent, ...bgRequest }),
      ],
    },
    {
      name: "bg payment",
      path: paymentPath,
      targets: [direct({ "x-bg-request-id": bgRequest["x-request-id"] }), gateway("gw·key", { ...key, ...bgRequest })],
    },
  ];
}
