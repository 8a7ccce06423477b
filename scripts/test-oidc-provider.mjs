// A real OpenID Connect provider (`oidc-provider`, the certified library) for the test suites'
// single sign-on: the portal discovers it, sends browsers to its login page, and exchanges codes
// with it exactly as with Okta or Entra ID. Accounts are what the tests register:
//   POST <issuer>/test/accounts {"sub","email","email_verified","name"}
// and its login page signs in any registered account by its `sub` or email, without a password.
// Consent is skipped for the one client (a first-party app). Test use only.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]);

function loginPage({ uid, error, login = "" }) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.5rem;margin-top:.5rem}[role=alert]{color:#b00020}</style>
</head><body>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="login">Username or email</label>
<input id="login" name="login" autocomplete="username" value="${escapeHtml(login)}" autofocus required>
<button type="submit">Continue</button>
</form>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/abort"><button type="submit">Cancel</button></form>
</body></html>`;
}

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts the provider on 127.0.0.1 (`port` 0: any free port) for one client whose redirect URI is
 * `redirectUri`. Returns its issuer URL, the client's credentials, `addAccount` and `stop`.
 */
export async function startOidcProvider({
  port = 0,
  redirectUri,
  clientId = "portal",
  clientSecret = randomBytes(24).toString("base64url"),
}) {
  /** sub → claims */
  const accounts = new Map();
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { methods: ["S256"], required: () => true },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    // The portal is a first-party client: no consent screen, its scopes are granted at once.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = `<!doctype html><title>Error</title><h1>${escapeHtml(out.error)}</h1><p>${escapeHtml(out.error_description ?? "")}</p>`;
    },
  });
  const callback = provider.callback();

  const findLogin = (login) =>
    accounts.get(login) ?? [...accounts.values()].reverse().find((account) => account.email === login.toLowerCase());

  async function interaction(request, response, path) {
    const [, , uid, step] = path.split("/");
    const send = (status, html) => response.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(html);
    if (request.method === "GET" && !step) {
      const details = await provider.interactionDetails(request, response);
      if (details.uid !== uid) return send(400, "wrong interaction");
      return send(200, loginPage({ uid }));
    }
    if (request.method === "POST" && step === "abort") {
      return provider.interactionFinished(
        request,
        response,
        { error: "access_denied", error_description: "The user cancelled the sign-in." },
        { mergeWithLastSubmission: false },
      );
    }
    if (request.method === "POST" && step === "login") {
      const login = new URLSearchParams(await readBody(request)).get("login")?.trim() ?? "";
      const account = findLogin(login);
      if (!account) return send(200, loginPage({ uid, login, error: `No test account "${login}".` }));
      return provider.interactionFinished(request, response, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    }
    return send(404, "not found");
  }

  server.on("request", (request, response) => {
    const path = new URL(request.url, issuer).pathname;
    const fail = (error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error?.message ?? error));
    };
    if (path === "/test/accounts" && request.method === "POST") {
      readBody(request)
        .then((text) => {
          const account = JSON.parse(text);
          if (typeof account.sub !== "string" || !account.sub) throw new Error("sub is required");
          accounts.set(account.sub, { ...account, email: account.email?.toLowerCase() });
          response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(accounts.get(account.sub)));
        })
        .catch(fail);
      return;
    }
    if (path.startsWith("/interaction/")) {
      interaction(request, response, path).catch(fail);
      return;
    }
    callback(request, response);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount(account) {
      accounts.set(account.sub, { ...account, email: account.email?.toLowerCase() });
    },
    stop() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
