import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations, createApp, screenshotPage, signUp } from "./helpers";

/**
 * One consent store under every API, as a developer and a test customer see it: the app page's
 * consent list (standard and kind on each row, revoke), the checklist's standards steps, and the
 * bank's connected-apps page opened from the app page, where the customer withdraws an app's access.
 */

// The bank's pages run no script at all (CSP default-src 'none'): axe-core can be injected into them
// only with the page's CSP bypassed, for this test's browser alone.
test.use({ bypassCSP: true });

const REDIRECT = "http://localhost:8080/callback";

async function mintConsent(request: APIRequestContext, key: string, persona: string) {
  const minted = await request.post("/v1/sandbox/consents", {
    headers: { Authorization: `Bearer ${key}` },
    data: { persona, permissions: ["accounts:read", "transactions:read"] },
  });
  expect(minted.status()).toBe(201);
  return ((await minted.json()) as { consent: { id: string } }).consent.id;
}

/** A UK Open Banking account-access consent, created by the app (its API key stands in for the TPP's certificate). */
async function ukConsent(request: APIRequestContext, key: string) {
  const created = await request.post("/open-banking/v4.0/aisp/account-access-consents", {
    headers: { Authorization: `Bearer ${key}` },
    data: { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"], ExpirationDateTime: "2099-01-01T00:00:00+00:00" }, Risk: {} },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { Data: { ConsentId: string } }).Data.ConsentId;
}

/** The customer authorises a UK consent on the bank's pages (the authorization names it with openbanking_intent_id). */
async function authoriseAtBank(page: Page, clientId: string, consentId: string) {
  const verifier = randomBytes(32).toString("base64url");
  await page.route(`${REDIRECT}**`, (route) => route.fulfill({ contentType: "text/plain", body: "Back at the app" }));
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: REDIRECT,
    scope: "openid accounts",
    state: "e2e",
    nonce: "e2e",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    claims: JSON.stringify({ id_token: { openbanking_intent_id: { value: consentId, essential: true } } }),
  });
  await page.goto(`/oauth/authorize?${query}`);
  await page.getByLabel("Username").fill("user_good_credit");
  await page.getByLabel("Password").fill("pass_good_credit");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Share account information" })).toBeVisible();
  await page.getByRole("group", { name: "Choose the accounts to share" }).getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL(new RegExp(`^${REDIRECT}`));
}

test("the consent list shows each consent's standard and revokes; the customer withdraws access on the bank's connected-apps page", async ({
  page,
  request,
}) => {
  await signUp(page);
  const reveal = await createApp(page, "Budget Buddy");
  const key = await reveal.getByTestId("revealed-secret").inputValue();
  const appUrl = page.url();
  const oauth = page.getByTestId("oauth-client");
  const clientId = (await oauth.getByTestId("client-id").textContent())!.trim();
  await oauth.getByLabel("Redirect URIs").fill(REDIRECT);
  await oauth.getByRole("button", { name: "Save redirect URIs" }).click();
  await expect(oauth.getByText("Saved.")).toBeVisible();

  // Consents from two APIs: /v1's (minted), and UK Open Banking's (one authorised by the customer, one left waiting).
  const v1Kept = await mintConsent(request, key, "good_credit");
  const v1Revoked = await mintConsent(request, key, "student");
  const ukAuthorised = await ukConsent(request, key);
  const ukAwaiting = await ukConsent(request, key);
  await authoriseAtBank(page, clientId, ukAuthorised);

  // The developer's view: one row per consent, its API and kind in words.
  await page.goto(appUrl);
  const table = page.getByTestId("consents-table");
  await expect(table.locator("tr[data-consent-id]")).toHaveCount(4);
  const ukRow = table.locator(`tr[data-consent-id="${ukAuthorised}"]`);
  await expect(ukRow).toContainText("UK Open Banking");
  await expect(ukRow).toContainText("Account access");
  await expect(ukRow).toContainText("ReadAccountsDetail, ReadBalances");
  await expect(ukRow).toContainText("authorised");
  await expect(ukRow).toContainText("1 Jan 2099");
  const awaitingRow = table.locator(`tr[data-consent-id="${ukAwaiting}"]`);
  await expect(awaitingRow).toContainText("not yet authorised");
  await expect(awaitingRow).toContainText("awaiting authorisation");

  // Revoke: a /v1 consent, and a UK one still waiting for its customer.
  for (const [id, says] of [
    [v1Revoked, "consent_revoked"],
    [ukAwaiting, "can no longer authorise it"],
  ] as const) {
    const row = table.locator(`tr[data-consent-id="${id}"]`);
    await row.getByRole("button", { name: `Revoke consent ${id}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this consent?" });
    await expect(dialog).toContainText(says);
    await dialog.getByRole("button", { name: "Revoke consent" }).click();
    await expect(row).toContainText("by the developer");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  }
  await expect(table.locator(`tr[data-consent-id="${v1Revoked}"]`)).toContainText("Open Bank /v1");
  expect(await axeViolations(page)).toEqual([]);
  // The section at the top of the viewport, below the sticky site header.
  const section = page.getByRole("region", { name: "Consents" });
  const toTop = (element: Element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 96);
  await screenshotPage(page, "consents-list", { prepare: () => section.evaluate(toTop) });

  // The checklist lists the two standards' optional steps, with their guides.
  const card = page.getByTestId("onboarding-card");
  const uk = card.getByTestId("onboarding-step-uk_payment_completed");
  await expect(uk).toContainText("UK Open Banking payment completed");
  await expect(uk.getByRole("link", { name: "UK Open Banking" })).toHaveAttribute("href", "/docs/guides/uk-open-banking");
  const bg = card.getByTestId("onboarding-step-berlin_group_consent_authorised");
  await expect(bg).toContainText("Berlin Group consent authorised");
  await expect(bg.getByRole("link", { name: "Berlin Group NextGenPSD2" })).toHaveAttribute("href", "/docs/guides/berlin-group");
  await screenshotPage(page, "onboarding-standards-steps", {
    prepare: () => uk.evaluate((element) => element.scrollIntoView({ block: "center" })),
  });

  // The customer: from the app page to the bank's own page, on the portal's origin.
  await page.getByRole("button", { name: "Open the customer's connected-apps page" }).click();
  await page.waitForURL(/\/oauth\/connected-apps\?tenant=app_/);
  await expect(page.getByRole("heading", { name: "Connected apps" })).toBeVisible();
  await page.getByLabel("Username").fill("user_good_credit");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("The username or password is not right");
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "connected-apps-login");
  await page.getByLabel("Password").fill("pass_good_credit");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/oauth\/connected-apps$/);
  const ukAccess = page.locator(`section[data-consent-id="${ukAuthorised}"]`);
  await expect(ukAccess.getByRole("heading", { name: "Budget Buddy" })).toBeVisible();
  await expect(ukAccess).toContainText("via UK Open Banking");
  await expect(ukAccess).toContainText("See your balances");
  await expect(page.locator(`section[data-consent-id="${v1Kept}"]`)).toContainText("via Open Bank API");
  for (const gone of [v1Revoked, ukAwaiting]) await expect(page.locator(`section[data-consent-id="${gone}"]`)).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "connected-apps", { fullPage: true });

  await ukAccess.getByRole("button", { name: /Withdraw access: Budget Buddy, Share account information/ }).click();
  await expect(page.getByRole("heading", { name: "Withdraw Budget Buddy's access?" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "connected-apps-confirm");
  await page.getByRole("button", { name: "Withdraw access" }).click();
  await expect(page.getByRole("status")).toContainText("Access withdrawn");
  await expect(ukAccess).toHaveCount(0);
  await expect(page.locator(`section[data-consent-id="${v1Kept}"]`)).toBeVisible();
  await screenshotPage(page, "connected-apps-withdrawn");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "You have logged out" })).toBeVisible();

  // Back in the portal: the UK consent reads revoked by the customer.
  await page.goto(appUrl);
  const customerRow = page.getByTestId("consents-table").locator(`tr[data-consent-id="${ukAuthorised}"]`);
  await expect(customerRow).toContainText("revoked");
  await expect(customerRow).toContainText("by the customer");
});
