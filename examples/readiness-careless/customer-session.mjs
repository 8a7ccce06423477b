// The careless app's customer session, for the consent checks to fail: it ignores 401
// consent_revoked and keeps calling with the same token; anything "expired" gets a refresh (an
// expired consent too, which no refresh can bring back), always with the first refresh token it
// ever got (it never stores the rotated one). Do not copy it.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function customerSession(config, persona, { limitMs = 45_000 } = {}) {
  const started = Date.now();
  const check = await currentCheck(config);
  const minted = await (
    await fetch(`${config.portal}/v1/sandbox/consents`, {
      method: "POST",
      headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ persona, permissions: ["accounts:read"] }),
    })
  ).json();
  let accessToken = minted.access_token;
  while (Date.now() - started < limitMs && (await currentCheck(config)) === check) {
    const response = await fetch(`${config.portal}/v1/accounts`, { headers: { authorization: `Bearer ${accessToken}` } });
    const problem = response.status === 401 ? await response.json().catch(() => ({})) : await response.body?.cancel();
    if (problem && /expired/.test(problem.detail ?? "")) {
      const refreshed = await fetch(`${config.portal}/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${config.oauthClientId}:${config.oauthClientSecret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        // Always the first refresh token: the rotated one in the answer is thrown away.
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: minted.refresh_token }),
      });
      if (refreshed.ok) accessToken = (await refreshed.json()).access_token;
    }
    // A revoked consent? Keep calling.
    await sleep(1_000);
  }
}

async function currentCheck(config) {
  const response = await fetch(`${config.portal}/api/apps/${config.appId}/readiness-runs?status=running`, {
    headers: { authorization: `Bearer ${config.token}`, accept: "application/json" },
  });
  if (!response.ok) return null;
  return (await response.json()).data[0]?.current_check ?? null;
}
