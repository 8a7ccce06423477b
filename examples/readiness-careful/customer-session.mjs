// The careful app's customer session (the consent-revoked, consent-expired and refresh-tokens checks): it reads the
// customer's accounts with a consent access token; an expired access token is refreshed once with
// the newest refresh token (both new tokens are stored before either is used); a revoked or expired
// consent is dropped at once and the customer goes through consent again.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs while the run's current check is the one it started in (at most `limitMs`). */
export async function customerSession(config, persona, { limitMs = 45_000 } = {}) {
  const started = Date.now();
  const check = await currentCheck(config);
  let tokens = null;
  while (Date.now() - started < limitMs && (await currentCheck(config)) === check) {
    tokens ??= await consent(config, persona);
    const response = await fetch(`${config.portal}/v1/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    if (response.status === 401) {
      const problem = await response.json().catch(() => ({}));
      // An expired access token is refreshed; anything else (revoked, expired consent) means the consent is gone.
      tokens = problem.code === "invalid_token" && /expired/.test(problem.detail ?? "") ? await refresh(config, tokens) : null;
      continue;
    }
    if (response.status === 429) {
      await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000 + 100);
      continue;
    }
    await response.body?.cancel();
    await sleep(1_000);
  }
}

/** The customer consents again (in the sandbox: a minted consent, as a completed authorization). */
async function consent(config, persona) {
  const response = await fetch(`${config.portal}/v1/sandbox/consents`, {
    method: "POST",
    headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ persona, permissions: ["accounts:read"] }),
  });
  if (response.status !== 201) throw new Error(`consent: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One refresh, with the newest refresh token; the answer replaces both tokens. A refusal means a new consent. */
async function refresh(config, tokens) {
  const response = await fetch(`${config.portal}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${config.oauthClientId}:${config.oauthClientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }),
  });
  if (!response.ok) return null;
  const fresh = await response.json();
  return { access_token: fresh.access_token, refresh_token: fresh.refresh_token };
}

async function currentCheck(config) {
  const response = await fetch(`${config.portal}/api/apps/${config.appId}/readiness-runs?status=running`, {
    headers: { authorization: `Bearer ${config.token}`, accept: "application/json" },
  });
  if (!response.ok) return null;
  return (await response.json()).data[0]?.current_check ?? null;
}
