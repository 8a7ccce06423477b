import { expect, test, type APIRequestContext } from "@playwright/test";
import { axeViolations, createApp, screenshotPage, signUp } from "./helpers";

/**
 * One consent store under every API, as a developer and a test customer see it: the app page's
 * consent list (standard and kind on each row, revoke), the checklist's standards steps, and the
 * bank's connected-apps page opened from the app page, where the customer withdraws an app's access.
 */

// The bank's pages run no script at all (CSP default-src 'none'): axe-core can be injected into them
// only with the page's CSP bypassed, for this test's browser alone.
test.use({ bypassCSP: true });

async function mintConsent(request: APIRequestContext, key: string, persona: string) {
  const minted = await request.post("/v1/sandbox/consents", {
    headers: { Authorization: `Bearer ${key}` },
    data: { persona, permissions: ["accounts:read", "transactions:read"] },
  });
  expect(minted.status()).toBe(201);
  return (await minted.json()) as { consent: { id: string } };
}

test("the consent list shows each consent's standard and revokes; the customer withdraws access on the bank's connected-apps page", async ({
  page,
  request,
}) => {
  await signUp(page);
  const reveal = await createApp(page, "Budget Buddy");
  const key = await reveal.getByTestId("revealed-secret").inputValue();
  const appUrl = page.url();
  const kept = await mintConsent(request, key, "good_credit");
  const revoked = await mintConsent(request, key, "student");

  // The developer's view: one row per consent, its API and kind in words.
  await page.reload();
  const table = page.getByTestId("consents-table");
  await expect(table.locator("tr[data-consent-id]")).toHaveCount(2);
  const row = table.locator(`tr[data-consent-id="${revoked.consent.id}"]`);
  await expect(row).toContainText("Open Bank /v1");
  await expect(row).toContainText("Account access");
  await row.getByRole("button", { name: `Revoke consent ${revoked.consent.id}` }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this consent?" });
  await expect(dialog).toContainText("consent_revoked");
  await dialog.getByRole("button", { name: "Revoke consent" }).click();
  await expect(row).toContainText("revoked");
  await expect(row).toContainText("by the developer");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  const section = page.getByRole("region", { name: "Consents" });
  // The section at the top of the viewport, below the sticky site header.
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
  await page.getByLabel("Password").fill("pass_good_credit");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/oauth\/connected-apps$/);
  const access = page.locator(`section[data-consent-id="${kept.consent.id}"]`);
  await expect(access.getByRole("heading", { name: "Budget Buddy" })).toBeVisible();
  await expect(access).toContainText("via Open Bank API");
  await expect(page.locator(`section[data-consent-id="${revoked.consent.id}"]`)).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "connected-apps", { fullPage: true });

  await access.getByRole("button", { name: /Withdraw access: Budget Buddy/ }).click();
  await expect(page.getByRole("heading", { name: "Withdraw Budget Buddy's access?" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "connected-apps-confirm");
  await page.getByRole("button", { name: "Withdraw access" }).click();
  await expect(page.getByRole("status")).toContainText("Access withdrawn");
  await expect(page.getByText("No app can use your accounts right now.")).toBeVisible();
  await screenshotPage(page, "connected-apps-withdrawn");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "You have logged out" })).toBeVisible();

  // Back in the portal: the consent reads revoked by the customer.
  await page.goto(appUrl);
  const customerRow = page.getByTestId("consents-table").locator(`tr[data-consent-id="${kept.consent.id}"]`);
  await expect(customerRow).toContainText("revoked");
  await expect(customerRow).toContainText("by the customer");
});
