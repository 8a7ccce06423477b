#!/usr/bin/env node
// A minimal third-party app ("Budget Buddy") that connects to Open Bank with OAuth 2.0
// authorization code + PKCE, exactly as your own app would: its own origin, its own server
// holding the client secret, no dependencies. Download it from your portal
// (/downloads/oauth-sample-app.tar.gz, see README.md) and run it against the portal:
//
//   CLIENT_ID=cli_… CLIENT_SECRET=cs_sandbox_… SANDBOX_URL=https://<your portal> npm start
//
// then register http://localhost:8080/callback as a redirect URI of the app in the portal
// and open http://localhost:8080. Variables: SANDBOX_URL (default http://localhost:3000),
// PORT (8080), REDIRECT_URI (http://localhost:$PORT/callback), SCOPE.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";

const SANDBOX_URL = (process.env.SANDBOX_URL ?? "http://localhost:3000").replace(/\/$/, "");
const PORT = Number(process.env.PORT ?? 8080);
const REDIRECT_URI = process.env.REDIRECT_URI ?? `http://localhost:${PORT}/callback`;
const SCOPE = process.env.SCOPE ?? "accounts:read transactions:read";
const { CLIENT_ID, CLIENT_SECRET } = process.env;
if (!CLIENT_ID || !CLIENT_SECRET) {
  console.error("Set CLIENT_ID and CLIENT_SECRET (from your app's page in the portal).");
  process.exit(1);
}

// In-memory state, as a sample: pending authorizations by state, sessions by cookie.
const pending = new Map(); // state → { verifier, browser, expiresAt }
const sessions = new Map(); // session id → { tokens, consentId }

const escape = (value) =>
  String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const cookies = (request) =>
  Object.fromEntries(
    (request.headers.cookie ?? "")
      .split(";")
      .map((part) => part.trim().split("="))
      .filter(([k, v]) => k && v),
  );

function page(response, status, title, body, headers = {}) {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers });
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Budget Buddy</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:640px;margin:40px auto;padding:0 16px;color:#222}a.button,button{display:inline-block;background:#5b3cc4;color:#fff;border:0;border-radius:8px;padding:10px 16px;text-decoration:none;font:inherit;cursor:pointer}code{background:#f2f0fa;padding:1px 4px;border-radius:4px}li{margin:6px 0}.error{color:#a11}</style>
</head><body><h1>${escape(title)}</h1>${body}<p><small>Sample third-party app · talks to ${escape(SANDBOX_URL)}</small></p></body></html>`);
}

/** Step 1: send the customer to the bank with a fresh state and PKCE challenge. */
function connect(response) {
  const state = randomBytes(16).toString("base64url");
  const verifier = randomBytes(32).toString("base64url");
  const browser = randomBytes(16).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  pending.set(state, { verifier, browser, expiresAt: Date.now() + 10 * 60_000 });
  const url = new URL(`${SANDBOX_URL}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  response.writeHead(302, { location: url.toString(), "set-cookie": `bb_browser=${browser}; Path=/; HttpOnly; SameSite=Lax` });
  response.end();
}

async function tokenRequest(params) {
  const response = await fetch(`${SANDBOX_URL}/oauth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString("base64")}`,
    },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.json() };
}

/** Step 2: the bank sends the customer back; check state and issuer, exchange the code. */
async function callback(request, response, url) {
  const state = url.searchParams.get("state");
  const flow = state ? pending.get(state) : undefined;
  pending.delete(state);
  if (!flow || flow.expiresAt < Date.now() || flow.browser !== cookies(request).bb_browser) {
    return page(
      response,
      400,
      "Something went wrong",
      `<p class="error">This sign-in link is not one we started (state mismatch). <a href="/">Start again</a>.</p>`,
    );
  }
  if (url.searchParams.get("iss") !== SANDBOX_URL)
    return page(response, 400, "Something went wrong", `<p class="error">Unexpected issuer.</p>`);
  const error = url.searchParams.get("error");
  if (error) {
    return page(
      response,
      200,
      "Not connected",
      `<p data-testid="callback-error">The bank said <code>${escape(error)}</code>: ${escape(url.searchParams.get("error_description") ?? "")}</p><p><a class="button" href="/connect">Try again</a></p>`,
    );
  }
  const exchanged = await tokenRequest({
    grant_type: "authorization_code",
    code: url.searchParams.get("code") ?? "",
    redirect_uri: REDIRECT_URI,
    code_verifier: flow.verifier,
  });
  if (exchanged.status !== 200) {
    return page(
      response,
      502,
      "Token exchange failed",
      `<p class="error" data-testid="token-error">${escape(exchanged.body.error)}: ${escape(exchanged.body.error_description)}</p>`,
    );
  }
  const sessionId = randomBytes(16).toString("base64url");
  sessions.set(sessionId, { tokens: exchanged.body });
  response.writeHead(303, { location: "/accounts", "set-cookie": `bb_session=${sessionId}; Path=/; HttpOnly; SameSite=Lax` });
  response.end();
}

/** Step 3: call the API with the access token (refreshing it once when it expired). */
async function accounts(request, response) {
  const session = sessions.get(cookies(request).bb_session);
  if (!session)
    return page(response, 200, "Budget Buddy", `<p>Not connected yet.</p><p><a class="button" href="/connect">Connect your bank</a></p>`);
  const call = () => fetch(`${SANDBOX_URL}/v1/accounts`, { headers: { authorization: `Bearer ${session.tokens.access_token}` } });
  let api = await call();
  let body = await api.json();
  if (api.status === 401 && body.code === "invalid_token") {
    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: session.tokens.refresh_token });
    if (refreshed.status === 200) {
      session.tokens = refreshed.body;
      api = await call();
      body = await api.json();
    }
  }
  if (!api.ok) {
    return page(
      response,
      200,
      "Connection lost",
      `<p class="error" data-testid="api-error">The bank answered ${api.status} <code>${escape(body.code)}</code>: ${escape(body.detail)}</p><p><a class="button" href="/connect">Reconnect your bank</a></p>`,
    );
  }
  const items = body.data
    .map(
      (a) =>
        `<li data-testid="account" data-account-id="${escape(a.id)}"><strong>${escape(a.name)}</strong> <code>${escape(a.id)}</code> (${escape(a.type)})</li>`,
    )
    .join("");
  return page(
    response,
    200,
    "Your accounts",
    `<p>Consent <code data-testid="consent-id">${escape(session.tokens.consent_id)}</code> · scope <code>${escape(session.tokens.scope)}</code></p><ul data-testid="accounts">${items}</ul><p><a class="button" href="/connect">Connect again</a></p>`,
  );
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://localhost:${PORT}`);
  const routes = {
    "/": () =>
      page(
        response,
        200,
        "Budget Buddy",
        `<p>Budget Buddy reads your accounts to build a budget. Your bank password never reaches us.</p><p><a class="button" href="/connect">Connect your bank</a></p>`,
      ),
    "/connect": () => connect(response),
    "/callback": () => callback(request, response, url),
    "/accounts": () => accounts(request, response),
  };
  const route = routes[url.pathname];
  if (!route || request.method !== "GET") return page(response, 404, "Not found", "<p>No such page.</p>");
  Promise.resolve(route()).catch((error) =>
    page(response, 502, "The bank is unreachable", `<p class="error">${escape(error.message)}</p>`),
  );
});

server.listen(PORT, "127.0.0.1", () => console.log(`Budget Buddy (sample) on http://localhost:${PORT} → ${SANDBOX_URL}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
