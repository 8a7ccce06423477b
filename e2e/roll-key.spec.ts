import { expect, test } from "./fixtures";
import { createApp, screenshotPage, signUp } from "./helpers";

test("rolling a key: the new secret is shown once and works; with no overlap the old key answers 401 expired_api_key", async ({
  page,
  request,
}) => {
  await signUp(page);
  const reveal = await createApp(page, "Rolling app");
  const oldSecret = await reveal.getByTestId("revealed-secret").inputValue();
  await page.getByRole("button", { name: /stored it/ }).click();

  const table = page.getByTestId("keys-table");
  const row = table.getByRole("row", { name: /Default sandbox key/ });
  await expect(row).toContainText("active");
  await expect(row).toContainText("read-write");
  await row.getByRole("button", { name: "Roll Default sandbox key" }).click();

  const dialog = page.getByRole("dialog", { name: /Roll “Default sandbox key”/ });
  // Starts on the default choice (24 hours); arrow keys move through the choices.
  await expect(dialog.getByRole("radio", { name: "In 24 hours" })).toBeFocused();
  await screenshotPage(page, "key-roll-dialog");
  await dialog.getByRole("radio", { name: "Immediately" }).check();
  await dialog.getByRole("button", { name: "Roll key" }).click();

  const rolled = page.getByRole("dialog", { name: /was rolled/ });
  await expect(rolled).toContainText("has stopped working");
  await screenshotPage(page, "key-roll-reveal");
  const newSecret = await rolled.getByTestId("revealed-secret").inputValue();
  expect(newSecret).toMatch(/^sk_sandbox_[0-9A-Za-z]{36}$/);
  expect(newSecret).not.toBe(oldSecret);
  await rolled.getByRole("button", { name: /stored it/ }).click();
  await expect(rolled).toBeHidden();

  // Two rows now: the new key active, the old one expired (no more actions on it).
  await expect(table.getByRole("row", { name: /Default sandbox key/ })).toHaveCount(2);
  await expect(table.locator("tbody tr").first()).toContainText("active");
  await expect(table.locator("tbody tr").last()).toContainText("expired");
  await expect(table.locator("tbody tr").last().getByRole("button")).toHaveCount(0);

  const old = await request.get("/v1/accounts", { headers: { Authorization: `Bearer ${oldSecret}` } });
  expect(old.status()).toBe(401);
  expect(((await old.json()) as { code: string }).code).toBe("expired_api_key");
  const fresh = await request.get("/v1/accounts?limit=1", { headers: { Authorization: `Bearer ${newSecret}` } });
  expect(fresh.status()).toBe(200);
});

test("rolling with an overlap keeps the old key working and shows when it stops", async ({ page, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Overlap app");
  const oldSecret = await reveal.getByTestId("revealed-secret").inputValue();
  await page.getByRole("button", { name: /stored it/ }).click();

  await page.getByTestId("keys-table").getByRole("button", { name: "Roll Default sandbox key" }).click();
  const dialog = page.getByRole("dialog", { name: /Roll/ });
  await dialog.getByRole("radio", { name: "In 1 hour" }).check();
  await dialog.getByRole("button", { name: "Roll key" }).click();
  const rolled = page.getByRole("dialog", { name: /was rolled/ });
  await expect(rolled).toContainText("keeps working until");
  await rolled.getByRole("button", { name: /stored it/ }).click();

  const oldRow = page.getByTestId("keys-table").locator("tbody tr").filter({ hasText: "expiring" });
  await expect(oldRow).toContainText(/Rolled, stops in (60 min|1 h)/);
  expect((await request.get("/v1/accounts?limit=1", { headers: { Authorization: `Bearer ${oldSecret}` } })).status()).toBe(200);
});
