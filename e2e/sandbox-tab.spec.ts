import { expect, test } from "@playwright/test";
import { axeViolations, createApp, emulateColorScheme, screenshotPage, signUp } from "./helpers";

/**
 * The app page's Sandbox tab in real Chromium: the personas and their balances, the clock moved
 * with its buttons, and a reset behind its confirmation that brings the clock back, each beside
 * its "do this from code" curl.
 */
test("a developer sees the test customers, advances the clock and resets the sandbox from the Sandbox tab", async ({ page, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Sandbox tab");
  const key = await reveal.getByTestId("revealed-secret").inputValue();
  await page.getByRole("button", { name: "I've stored it" }).click();

  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Sandbox" }).click();
  await page.waitForURL(/\/sandbox$/);
  await expect(page.getByRole("link", { name: "Sandbox", exact: true })).toHaveAttribute("aria-current", "page");

  // The personas, with their accounts and balances: the same the key reads.
  const customers = page.getByTestId("sandbox-customers");
  await expect(customers.getByRole("listitem")).toHaveCount(6);
  const goodCredit = customers.locator('[data-customer-handle="good_credit"]');
  await expect(goodCredit.getByText("user_good_credit")).toBeVisible();
  const accountId = await goodCredit.locator("tr[data-account-id]").first().getAttribute("data-account-id");
  const balances = await (await request.get(`/v1/accounts/${accountId}/balances`, { headers: { authorization: `Bearer ${key}` } })).json();
  await expect(goodCredit.locator(`tr[data-account-id="${accountId}"]`)).toContainText(
    new Intl.NumberFormat("en-GB", { style: "currency", currency: balances.booked.currency }).format(Number(balances.booked.amount)),
  );
  // "Do this from code" beside each action, on the portal's origin with $SANDBOX_KEY.
  await expect(page.getByText("/v1/sandbox/clock/advance").first()).toBeVisible();
  await expect(page.getByText(/\$SANDBOX_KEY/).first()).toBeVisible();

  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "dark");
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "light");
  await screenshotPage(page, "sandbox-tab", { fullPage: true });

  // Advance by 7 days with a button, then 3 more with the number field.
  await expect(page.getByTestId("sandbox-offset")).toHaveText("Not at all (real time)");
  await page.getByRole("button", { name: "+7 days" }).click();
  await expect(page.getByTestId("advance-result")).toContainText("The clock moved 7 days");
  await expect(page.getByTestId("sandbox-offset")).toHaveText("7 days");
  await page.getByLabel("Days to advance").fill("3");
  await page.getByRole("button", { name: "Advance", exact: true }).click();
  await expect(page.getByTestId("sandbox-offset")).toHaveText("10 days");
  // Out of range: the field says what to fix.
  await page.getByLabel("Days to advance").fill("120");
  await page.getByRole("button", { name: "Advance", exact: true }).click();
  await expect(page.getByLabel("Days to advance")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("sandbox-offset")).toHaveText("10 days");
  const clock = await (await request.get("/v1/sandbox/clock", { headers: { authorization: `Bearer ${key}` } })).json();
  expect(clock.offset_seconds).toBe(10 * 86_400);

  // Reset: the dialog says what goes and what stays; Cancel changes nothing, confirm resets.
  await page.getByRole("button", { name: "Reset sandbox" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset the sandbox?" });
  await expect(dialog).toContainText("simulated transactions");
  await expect(dialog).toContainText("settings, snapshots and keys");
  await expect(dialog.getByLabel("Also remove my custom customers")).not.toBeChecked();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "sandbox-tab-reset-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("sandbox-offset")).toHaveText("10 days");
  await page.getByRole("button", { name: "Reset sandbox" }).click();
  await dialog.getByRole("button", { name: "Reset sandbox" }).click();
  await expect(page.getByTestId("reset-result")).toContainText("The sandbox was reset");
  await expect(page.getByTestId("sandbox-offset")).toHaveText("Not at all (real time)");
  await expect(customers.getByRole("listitem")).toHaveCount(6);
});
