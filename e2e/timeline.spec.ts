import { expect, test } from "./fixtures";
import { axeViolations, createApp, emulateColorScheme, screenshotPage, signUp } from "./helpers";

test("the timeline: calls and a sandbox control in order, filters, a pasted request id, and a request replayed in the docs", async ({
  page,
  request,
}) => {
  test.setTimeout(test.info().timeout * 4); // many steps, on a loaded machine
  await signUp(page);
  const reveal = await createApp(page, "Timeline app");
  const secret = await reveal.getByTestId("revealed-secret").inputValue();
  const appPath = new URL(page.url()).pathname;
  const auth = { Authorization: `Bearer ${secret}` };

  const accounts = (await (await request.get("/v1/accounts?type=current", { headers: auth })).json()) as { data: Array<{ id: string }> };
  const accountId = accounts.data[0].id;
  const transactions = await request.get(`/v1/accounts/${accountId}/transactions?limit=3`, { headers: auth });
  expect(transactions.status()).toBe(200);
  const requestId = transactions.headers()["x-request-id"];
  expect((await request.get("/v1/accounts/acc_missing", { headers: auth })).status()).toBe(404);
  expect((await request.post("/v1/sandbox/clock/advance", { headers: auth, data: { days: 1 } })).status()).toBe(200);

  // Calls are logged a moment after each response: reload until the last one is in.
  const list = page.getByRole("list", { name: "Timeline, newest first" });
  await expect(async () => {
    await page.goto(`${appPath}/timeline`);
    await expect(list.locator("button[data-item]")).toHaveCount(5, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("link", { name: "Timeline", exact: true })).toHaveAttribute("aria-current", "page");
  // Newest first: the sandbox control, then the 404, … and the app's first key being created.
  await expect(list.locator("button[data-item]").first()).toContainText("Sandbox clock advanced");
  await expect(list.locator("button[data-item]").nth(1)).toContainText("404");

  for (const scheme of ["light", "dark"] as const) {
    await emulateColorScheme(page, scheme);
    expect(await axeViolations(page), scheme).toEqual([]);
  }
  await emulateColorScheme(page, "light");

  // Kind chips and status filter narrow the list; the keyboard moves between items.
  await page.getByRole("button", { name: "Sandbox", exact: true, pressed: false }).click();
  await expect(list.locator("button[data-item]")).toHaveCount(1);
  await page.getByRole("button", { name: "Sandbox", exact: true, pressed: true }).click();
  await page.getByLabel("Status").selectOption("warn");
  await expect(list.locator("button[data-item]")).toHaveCount(1);
  await expect(list.locator("button[data-item]")).toContainText("GET /v1/accounts/{account_id}");
  await page.getByLabel("Status").selectOption("");
  await expect(list.locator("button[data-item]")).toHaveCount(5);
  await expect(list.locator("button[data-item]").last()).toContainText("Key created");
  await list.locator("button[data-item]").first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(list.locator("button[data-item]").nth(1)).toBeFocused();

  // Live: a call made while the page is open comes in as a pill, not by moving the list.
  expect((await request.get("/v1/customers", { headers: auth })).status()).toBe(200);
  const pill = page.getByRole("button", { name: "1 new item" });
  await expect(pill).toBeVisible({ timeout: 20_000 });
  await expect(list.locator("button[data-item]")).toHaveCount(5);
  await pill.click();
  await expect(list.locator("button[data-item]")).toHaveCount(6);
  await expect(list.locator("button[data-item]").first()).toContainText("GET /v1/customers");

  // A pasted request id finds the moment and opens it.
  await page.getByLabel("Find a moment by id").fill(requestId);
  await page.getByRole("button", { name: "Find" }).click();
  await page.waitForURL(new RegExp(`q=${requestId}`));
  const found = list.locator(`button[data-item="${requestId}"]`);
  await expect(found).toContainText("Found");
  await expect(found).toHaveAttribute("aria-expanded", "true");
  const detail = page.getByRole("complementary", { name: "Item detail" });
  await expect(detail.getByRole("cell", { name: "Bearer [REDACTED]" })).toBeVisible();
  await screenshotPage(page, "timeline", { fullPage: true });
  for (const scheme of ["light", "dark"] as const) {
    await emulateColorScheme(page, scheme);
    expect(await axeViolations(page), `${scheme} with the detail open`).toEqual([]);
  }
  await emulateColorScheme(page, "light");

  await detail.getByRole("link", { name: "Replay in docs" }).click();
  await page.waitForURL(/\/docs\/api\/transactions\?replay=req_/);
  await expect(page.getByTestId("replay-banner")).toContainText("GET /v1/accounts/{account_id}/transactions");
  const operation = page.locator("#operations-Transactions-listAccountTransactions");
  await expect(operation.locator("tr[data-param-name='account_id'] input")).toHaveValue(accountId, { timeout: 20_000 });
  await expect(operation.locator("tr[data-param-name='limit'] input")).toHaveValue("3");
});

test("a timeline with nothing to show says what to do next", async ({ page }) => {
  test.setTimeout(test.info().timeout * 2);
  await signUp(page);
  await createApp(page, "Quiet app");
  const appPath = new URL(page.url()).pathname;
  await page.goto(`${appPath}/timeline`);
  // The only thing that happened: its first key was created.
  await expect(page.getByRole("list", { name: "Timeline, newest first" })).toContainText("Key created");
  await page.getByRole("button", { name: "Webhooks", exact: true, pressed: false }).click();
  await expect(page.getByText("Nothing matches these filters")).toBeVisible();
  await screenshotPage(page, "timeline-empty");
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await expect(page.getByRole("list", { name: "Timeline, newest first" })).toContainText("Key created");
});
