import { expect, test } from "./fixtures";
import { createApp, executeListAccounts, screenshotPage, signUp } from "./helpers";

test("a key picked in the docs works until it is revoked, then calls answer 401 revoked_api_key", async ({ page, context, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Revocation app");
  const secret = await reveal.getByTestId("revealed-secret").inputValue();
  const appUrl = page.url();

  // Pick the key: session-bound, no secret in the browser.
  await page.goto("/docs/api/accounts");
  const picker = page.getByLabel("Use one of your keys");
  await expect(picker).toBeEnabled();
  const option = picker.locator("option", { hasText: "Revocation app · Default sandbox key" });
  await picker.selectOption((await option.getAttribute("value"))!);
  await expect(page.getByTestId("credential-status")).toContainText("Revocation app · Default sandbox key");
  expect((await executeListAccounts(page)).status).toBe(200);

  // Revoke it from the app page in another tab; the docs tab stays as it is.
  const dashboard = await context.newPage();
  await dashboard.goto(appUrl);
  const row = dashboard.getByTestId("keys-table").getByRole("row", { name: /Default sandbox key/ });
  await row.getByRole("button", { name: "Revoke Default sandbox key" }).click();
  const dialog = dashboard.getByRole("dialog", { name: /Revoke/ });
  await expect(dialog).toContainText("fails at once");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await screenshotPage(dashboard, "key-revoke-dialog");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("revoked");
  await dashboard.close();

  const afterRevoke = await executeListAccounts(page);
  expect(afterRevoke.status).toBe(401);
  expect(afterRevoke.body.code).toBe("revoked_api_key");

  const direct = await request.get("/v1/accounts", { headers: { Authorization: `Bearer ${secret}` } });
  expect(direct.status()).toBe(401);
  expect(((await direct.json()) as { code: string }).code).toBe("revoked_api_key");
});
