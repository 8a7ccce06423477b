// The careless app's use of the open-banking standards, for the readiness check `standards` to fail:
// its UK Open Banking calls send no x-fapi-interaction-id (the sandbox makes one up, so nothing
// breaks yet), and it reads Berlin Group accounts under a consent the PSU never authorised, then
// tries the same consent again after the bank refused it. Do not copy it.
import { randomUUID } from "node:crypto";

export async function callStandards({ portal, apiKey, persona }) {
  const send = (method, path, { body, headers = {} } = {}) =>
    fetch(`${portal}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // UK Open Banking: no x-fapi-interaction-id on any call.
  const created = await send("POST", "/open-banking/v4.0/aisp/account-access-consents", {
    body: { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"], ExpirationDateTime: "2099-01-01T00:00:00+00:00" }, Risk: {} },
  });
  const ukConsent = (await created.json()).Data?.ConsentId;
  if (ukConsent) await send("GET", `/open-banking/v4.0/aisp/account-access-consents/${ukConsent}`);

  // Berlin Group: the consent is created (received), never authorised, and used anyway, twice.
  const consent = await (
    await send("POST", "/berlin-group/v1/consents", {
      body: {
        access: { allPsd2: "allAccounts" },
        recurringIndicator: true,
        validUntil: "2099-01-01",
        frequencyPerDay: 4,
        combinedServiceIndicator: false,
      },
      headers: {
        "x-request-id": randomUUID(),
        "psu-id": `user_${persona}`,
        "psu-ip-address": "192.0.2.10",
        "tpp-decoupled-preferred": "true",
        "tpp-explicit-authorisation-preferred": "true",
      },
    })
  ).json();
  console.log(`[careless] Berlin Group consent ${consent.consentId} ${consent.consentStatus ?? JSON.stringify(consent)}`);
  for (let attempt = 0; attempt < 2; attempt++) {
    await send("GET", "/berlin-group/v1/accounts", { headers: { "x-request-id": randomUUID(), "consent-id": consent.consentId } });
  }
}
