import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Code, CodeBlock } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { portalUrl } from "@/lib/http/portal-url";

export const metadata: Metadata = {
  title: "Consent flow (OAuth 2.0 + PKCE)",
  description:
    "Step by step: send a customer to the bank, get a consent, exchange the code for tokens and call the API with only what the customer shared.",
};

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`step-${n}`} className="flex flex-col gap-3">
      <h2 id={`step-${n}`} className="flex items-center gap-3 text-xl font-semibold text-fg">
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-full bg-primary-soft text-sm text-primary-soft-fg">
          {n}
        </span>
        {title}
      </h2>
      <div className="flex flex-col gap-3 text-fg-muted">{children}</div>
    </section>
  );
}

export default function ConsentFlowGuide() {
  const base = portalUrl().replace(/\/$/, "");
  const redirect = "http://localhost:8080/callback";
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-10 px-4 py-10 sm:px-6">
      <PageHeader
        eyebrow="Guides"
        title="Consent flow: OAuth 2.0 authorization code + PKCE"
        description={
          <>
            Your app never sees a customer&apos;s bank password. It sends the customer to the bank, the customer logs in and chooses what to
            share, and your app gets tokens that reach only that. Everything happens on one origin, <Code>{base}</Code>: the portal&apos;s
            gateway serves the bank&apos;s <Code>/oauth</Code> pages and endpoints.
          </>
        }
      />

      <Step n={1} title="Get your client credentials">
        <p>
          On your app&apos;s page in the dashboard, under <strong>OAuth client</strong>: copy the <Code>client_id</Code> (<Code>cli_…</Code>
          ), generate a <Code>client_secret</Code> (<Code>cs_sandbox_…</Code>, shown once; keep it on your server) and register your
          redirect URI, e.g. <Code>{redirect}</Code>. Redirect URIs are matched exactly: a trailing slash, other case, extra query or
          another port is refused. https is required, except http on localhost.
        </p>
        <p>
          Discovery: <Code>{base}/.well-known/openid-configuration</Code> (the same document at{" "}
          <Code>/.well-known/oauth-authorization-server</Code>, RFC 8414). This page is the Basic (PKCE) profile; for OpenID Connect
          sign-in, client credentials and the FAPI 2.0 profile (PAR, private_key_jwt, DPoP), read{" "}
          <Link className="text-primary underline" href="/docs/guides/openid-connect-fapi">
            OpenID Connect and FAPI 2.0
          </Link>
          .
        </p>
      </Step>

      <Step n={2} title="Send the customer to the bank">
        <p>
          Make a random <Code>state</Code> and a PKCE <Code>code_verifier</Code> (43–128 characters), keep both in the customer&apos;s
          session, and redirect to the authorization endpoint with the verifier&apos;s S256 challenge. <Code>plain</Code> is not accepted.
        </p>
        <CodeBlock
          language="http"
          code={`GET ${base}/oauth/authorize
    ?response_type=code
    &client_id=cli_…
    &redirect_uri=${encodeURIComponent(redirect)}
    &scope=accounts:read%20transactions:read
    &state=af0ifjsldkj
    &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
    &code_challenge_method=S256`}
        />
        <p>
          Scopes: <Code>accounts:read</Code> (accounts and balances), <Code>transactions:read</Code>, <Code>payments:write</Code> (pay from
          the shared accounts and read those payments).
        </p>
      </Step>

      <Step n={3} title="The customer logs in and consents, at the bank">
        <p>
          The bank shows its own login page. Test customers log in as <Code>user_&lt;persona&gt;</Code> with password{" "}
          <Code>pass_&lt;persona&gt;</Code>, e.g. <Code>user_good_credit</Code> / <Code>pass_good_credit</Code> (all personas on the{" "}
          <a className="text-primary underline" href="/docs/sandbox">
            sandbox page
          </a>
          ). The consent screen names your app, lists the permissions and lets the customer tick the accounts to share, then approve or
          deny.
        </p>
      </Step>

      <Step n={4} title="Handle the redirect back">
        <CodeBlock language="http" code={`GET ${redirect}?code=Ux3j…&state=af0ifjsldkj&iss=${encodeURIComponent(base)}`} />
        <p>
          Check that <Code>state</Code> is the one you stored and <Code>iss</Code> is <Code>{base}</Code>. A denial arrives as{" "}
          <Code>?error=access_denied&amp;state=…</Code>; invalid requests (no PKCE, no known scope) as <Code>error=invalid_request</Code>,{" "}
          <Code>invalid_scope</Code>, <Code>unsupported_response_type</Code>. An unknown client or unregistered redirect URI is never
          redirected: the bank shows an error page instead.
        </p>
      </Step>

      <Step n={5} title="Exchange the code for tokens (within 60 seconds)">
        <CodeBlock
          language="bash"
          code={`curl ${base}/oauth/token \\
  -u "cli_…:cs_sandbox_…" \\
  -d grant_type=authorization_code \\
  -d code=Ux3j… \\
  -d redirect_uri=${redirect} \\
  -d code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`}
        />
        <CodeBlock
          language="json"
          code={`{
  "access_token": "kE7q…",
  "token_type": "Bearer",
  "expires_in": 3600,
  "refresh_token": "Zp0v…",
  "scope": "accounts:read transactions:read",
  "consent_id": "cns_…"
}`}
        />
        <p>
          The client authenticates with HTTP Basic or with <Code>client_id</Code> + <Code>client_secret</Code> in the form. Codes work once:
          a second use fails with <Code>invalid_grant</Code> and revokes every token issued from the code. Errors follow RFC 6749:{" "}
          <Code>invalid_client</Code> (401), <Code>invalid_grant</Code> (wrong verifier or redirect URI, expired or used code),{" "}
          <Code>invalid_request</Code>, <Code>unsupported_grant_type</Code>. Tokens are opaque: treat them as strings of up to 200
          characters. Each error carries an <Code>error_uri</Code> when the guide has a paragraph about it.
        </p>
      </Step>

      <Step n={6} title="Call the API with the access token">
        <CodeBlock language="bash" code={`curl ${base}/v1/accounts -H "Authorization: Bearer kE7q…"`} />
        <p>
          A consent token reaches the customer-data endpoints only — accounts, balances, transactions, payments — and only the accounts the
          customer shared. Outside them: <Code>403 consent_account_not_granted</Code>; a missing permission:{" "}
          <Code>403 insufficient_scope</Code>; other endpoints: <Code>403 api_key_required</Code>. Your API key still sees your whole
          sandbox (all personas), for setting up tests.
        </p>
      </Step>

      <Step n={7} title="Refresh, and what ends a consent">
        <CodeBlock
          language="bash"
          code={`curl ${base}/oauth/token -u "cli_…:cs_sandbox_…" -d grant_type=refresh_token -d refresh_token=Zp0v…`}
        />
        <p>
          Access tokens live an hour on your sandbox clock. Each refresh token works once and returns a new pair; presenting a used one
          again revokes the whole family. Consents last 90 days on the sandbox clock (<Code>POST /v1/sandbox/clock/advance</Code> to test
          expiry: <Code>401 consent_expired</Code>). <Code>DELETE /v1/consents/{"{consent_id}"}</Code> (or Revoke on the dashboard) ends one
          at once (<Code>401 consent_revoked</Code>) and emits <Code>consent.revoked</Code>.
        </p>
      </Step>

      <Step n={8} title="Skip the browser in tests">
        <CodeBlock
          language="bash"
          code={`curl ${base}/v1/sandbox/consents -H "Authorization: Bearer sk_sandbox_…" \\
  -H "Content-Type: application/json" \\
  -d '{"persona": "good_credit", "permissions": ["accounts:read", "transactions:read"]}'`}
        />
        <p>
          Returns a consent and its tokens, like a completed flow. In the{" "}
          <Link className="text-primary underline" href="/docs/api/accounts">
            API reference
          </Link>
          , <strong>Authorise as persona</strong> does this for Try-it-out.
        </p>
      </Step>

      <Step n={9} title="Run the sample app">
        <p>A complete third-party app (no dependencies) that performs every step above:</p>
        <CodeBlock
          language="bash"
          code={`CLIENT_ID=cli_… CLIENT_SECRET=cs_sandbox_… PORTAL_URL=${base} \\
  node examples/oauth-sample-app/server.mjs
# register ${redirect} on your app, then open http://localhost:8080`}
        />
      </Step>
    </div>
  );
}
