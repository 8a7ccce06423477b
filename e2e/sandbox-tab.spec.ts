import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations, createApp, emulateColorScheme, screenshotPage, signUp } from "./helpers";

/**
 * The app page's Sandbox tab in real Chromium: a custom customer made with the form, a snapshot,
 * the clock moved with its buttons, a reset behind its confirmation, the snapshot restored and the
 * state back; then the snapshot downloaded as a file and uploaded again. Each action has its
 * "do this from code" curl beside it.
 */

async function openSandboxTab(page: Page) {
  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Sandbox" }).click();
  await page.waitForURL(/\/sandbox$/);
}

test("a developer builds a custom customer, snapshots, advances, resets and restores the sandbox from the Sandbox tab", async ({
  page,
  request,
}, testInfo) => {
  // A long journey (a customer with six months of history, a snapshot, two resets' worth of work) on a shared 2-core machine.
  test.setTimeout(300_000);
  await signUp(page);
  const reveal = await createApp(page, "Sandbox tab");
  const key = await reveal.getByTestId("revealed-secret").inputValue();
  await page.getByRole("button", { name: "I've stored it" }).click();
  await openSandboxTab(page);
  await expect(page.getByRole("link", { name: "Sandbox", exact: true })).toHaveAttribute("aria-current", "page");
  const asKey = { headers: { authorization: `Bearer ${key}` } };

  // The personas, with their accounts and balances: the same the key reads.
  const customers = page.getByTestId("sandbox-customers");
  await expect(customers.locator("[data-customer-handle]")).toHaveCount(6);
  const goodCredit = customers.locator('[data-customer-handle="good_credit"]');
  await expect(goodCredit.getByText("user_good_credit")).toBeVisible();
  const accountId = await goodCredit.locator("tr[data-account-id]").first().getAttribute("data-account-id");
  const balances = await (await request.get(`/v1/accounts/${accountId}/balances`, asKey)).json();
  await expect(goodCredit.locator(`tr[data-account-id="${accountId}"]`)).toContainText(
    new Intl.NumberFormat("en-GB", { style: "currency", currency: balances.booked.currency }).format(Number(balances.booked.amount)),
  );
  // "Do this from code" beside the actions, with $SANDBOX_KEY.
  await expect(page.getByText("/v1/sandbox/clock/advance").first()).toBeVisible();
  await expect(page.getByText(/\$SANDBOX_KEY/).first()).toBeVisible();

  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "dark");
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "light");
  await screenshotPage(page, "sandbox-tab", { fullPage: true });

  // The customer editor: a bank problem shows at its field, then the customer is created.
  const editor = page.getByRole("form", { name: "Custom customer" });
  await editor.getByLabel("Handle").fill("good_credit");
  await editor.getByLabel("Given name").fill("Maya");
  await editor.getByLabel("Family name").fill("Okafor");
  await editor.getByRole("button", { name: "Create customer" }).click();
  await expect(editor.getByLabel("Handle")).toHaveAttribute("aria-invalid", "true");
  await editor.getByLabel("Handle").fill("maya_e2e");
  await editor.getByRole("tab", { name: "JSON" }).click();
  await expect(editor.getByText('"handle": "maya_e2e"')).toBeVisible();
  await editor.getByRole("tab", { name: "Form" }).click();
  await editor.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByTestId("customer-created")).toContainText("user_maya_e2e");
  const maya = customers.locator('[data-customer-handle="maya_e2e"]');
  await expect(maya).toContainText("Maya Okafor");
  await expect(maya.locator("tr[data-account-id]")).toHaveCount(1);
  const mayaBalance = await maya.locator("tr[data-account-id]").innerText();

  // A snapshot of this state.
  await page.getByLabel("Snapshot name").fill("before-reset");
  await page.getByRole("button", { name: "Take snapshot" }).click();
  await expect(page.getByTestId("snapshot-message")).toContainText("before-reset");
  await expect(page.locator('[data-snapshot-name="before-reset"]')).toBeVisible();

  // Advance by 7 days with a button, then 3 more with the number field; an out-of-range number is refused at the field.
  await expect(page.getByTestId("sandbox-offset")).toHaveText("Not at all (real time)");
  await page.getByRole("button", { name: "+7 days" }).click();
  await expect(page.getByTestId("advance-result")).toContainText("The clock moved 7 days");
  await expect(page.getByTestId("sandbox-offset")).toHaveText("7 days");
  await page.getByLabel("Days to advance").fill("3");
  await page.getByRole("button", { name: "Advance", exact: true }).click();
  await expect(page.getByTestId("sandbox-offset")).toHaveText("10 days");
  await page.getByLabel("Days to advance").fill("120");
  await page.getByRole("button", { name: "Advance", exact: true }).click();
  await expect(page.getByLabel("Days to advance")).toHaveAttribute("aria-invalid", "true");
  expect((await (await request.get("/v1/sandbox/clock", asKey)).json()).offset_seconds).toBe(10 * 86_400);

  // Reset: the dialog says what goes and what stays; Cancel changes nothing; a bare reset removes Maya.
  await page.getByRole("button", { name: "Reset sandbox" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset the sandbox?" });
  await expect(dialog).toContainText("simulated transactions");
  await expect(dialog).toContainText("settings, snapshots and keys");
  await expect(dialog).toContainText("your custom customers, rebuilt as you defined them");
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "sandbox-tab-reset-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("sandbox-offset")).toHaveText("10 days");
  await page.getByRole("button", { name: "Reset sandbox" }).click();
  await dialog.getByLabel("Also remove my custom customers").check();
  await expect(dialog).toContainText("your custom customers");
  await dialog.getByRole("button", { name: "Reset sandbox" }).click();
  await expect(page.getByTestId("reset-result")).toContainText("The sandbox was reset");
  await expect(page.getByTestId("sandbox-offset")).toHaveText("Not at all (real time)");
  await expect(maya).toHaveCount(0);

  // Restore the snapshot: Maya and her balance are back.
  const row = page.locator('[data-snapshot-name="before-reset"]');
  await row.getByRole("button", { name: "Restore before-reset" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore snapshot" }).click();
  await expect(page.getByTestId("snapshot-message")).toContainText("Restored “before-reset”");
  await expect(maya).toContainText("Maya Okafor");
  expect(await maya.locator("tr[data-account-id]").innerText()).toBe(mayaBalance);

  // Download the snapshot as a file, then upload it: the import answers with what it put back.
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Download before-reset" }).click()]);
  const file = testInfo.outputPath("before-reset.json");
  await download.saveAs(file);
  expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("openbank.sandbox-export");
  await page.locator("#snapshot-file").setInputFiles(file);
  await expect(page.getByTestId("upload-result")).toContainText("Imported before-reset.json");
  await expect(maya).toContainText("Maya Okafor");
  // A file that is not an export: a clear error, nothing changed.
  await page
    .locator("#snapshot-file")
    .setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello":"world"}') });
  await expect(page.getByTestId("upload-error")).toContainText("not imported");
  await expect(maya).toContainText("Maya Okafor");
  expect(path.basename(file)).toBe("before-reset.json");
});
