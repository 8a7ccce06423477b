import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApp, screenshotPage, signUp } from "./helpers";

/** Set SCREENSHOT_DIR to keep light and dark screenshots of the pages under test. */
async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${dir}/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("filter the request logs by URL, open one, copy it as curl and replay it in the docs", async ({ page, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Logs app");
  const secret = await reveal.getByTestId("revealed-secret").inputValue();
  const appPath = new URL(page.url()).pathname;
  const auth = { Authorization: `Bearer ${secret}` };

  const accounts = (await (await request.get("/v1/accounts?type=current", { headers: auth })).json()) as { data: Array<{ id: string }> };
  const accountId = accounts.data[0].id;
  expect((await request.get(`/v1/accounts/${accountId}/transactions?limit=3`, { headers: auth })).status()).toBe(200);
  expect((await request.get("/v1/accounts/acc_missing", { headers: auth })).status()).toBe(404);
  for (let i = 0; i < 4; i++) await request.get("/v1/sandbox/clock", { headers: auth });

  const table = page.getByTestId("request-log-table");
  // Logs are written a moment after each response: reload until the last call is in.
  await expect(async () => {
    await page.goto(`${appPath}/logs`);
    await expect(table.getByRole("row")).toHaveCount(1 + 7, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });

  // A select applies at once and the URL holds the filter: the view can be shared.
  await page.getByLabel("Status").selectOption("4xx");
  await page.waitForURL(/status=4xx/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("/v1/accounts/acc_missing");
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("4xx");
  await expect(table.getByRole("row")).toHaveCount(2);

  await page.getByLabel("Status").selectOption("");
  await page.waitForURL((url) => !url.search.includes("status=4xx"));
  await page.getByLabel("Path or request id").fill("transactions");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/path=transactions/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await screenshot(page, "request-logs");

  await table.getByRole("link", { name: /transactions/ }).click();
  await page.waitForURL(/\/logs\/req_/);
  await expect(page.getByRole("cell", { name: "Bearer [REDACTED]" })).toBeVisible();
  const curl = page.locator("pre").first();
  await expect(curl).toContainText("$SANDBOX_KEY");
  await expect(curl).toContainText(`/v1/accounts/${accountId}/transactions?limit=3`);
  expect(await page.content()).not.toContain(secret);
  await screenshot(page, "request-log-detail");

  await page.getByRole("link", { name: "Open in docs" }).click();
  await page.waitForURL(/\/docs\/api\/transactions\?replay=req_/);
  await expect(page.getByTestId("replay-banner")).toContainText("GET /v1/accounts/{account_id}/transactions");
  const operation = page.locator("#operations-Transactions-listAccountTransactions");
  await expect(operation.locator("tr[data-param-name='account_id'] input")).toHaveValue(accountId, { timeout: 20_000 });
  await expect(operation.locator("tr[data-param-name='limit'] input")).toHaveValue("3");
  // The key the call was made with is picked (by id, never the secret), so Execute works at once.
  await expect(page.getByTestId("credential-status")).toContainText("Logs app");
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === `/v1/accounts/${accountId}/transactions`),
    operation.getByRole("button", { name: "Execute" }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(new URL(response.url()).searchParams.get("limit")).toBe("3");
  // Only what the logged call sent: not the query the reference's example pre-fills (status=booked).
  expect([...new URL(response.url()).searchParams.keys()]).toEqual(["limit"]);

  await page.goto(`${appPath}/analytics`);
  await expect(page.getByTestId("usage-view")).toBeVisible();
  await expect(page.getByTestId("endpoints-table")).toContainText("/v1/accounts/{account_id}/transactions");
  await screenshot(page, "analytics");
});

test("a platform admin suspends an app: its next call fails with app_suspended until reinstated", async ({ page, browser, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Suspended app");
  const secret = await reveal.getByTestId("revealed-secret").inputValue();
  const appId = new URL(page.url()).pathname.split("/").pop()!;
  const auth = { Authorization: `Bearer ${secret}` };
  expect((await request.get("/v1/accounts", { headers: auth })).status()).toBe(200);

  // Developers do not see the console.
  expect((await page.goto("/admin"))?.status()).toBe(404);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto("/signin?callbackUrl=/admin");
  await admin.getByLabel("Email").fill("admin@example.com");
  await admin.getByLabel("Password", { exact: true }).fill("Programme-Review-2026");
  await admin.getByRole("button", { name: "Sign in", exact: true }).click();
  await admin.waitForURL((url) => url.pathname === "/admin");
  await expect(admin.getByRole("heading", { name: "Programme overview" })).toBeVisible();
  await screenshot(admin, "admin-overview");

  await admin.goto(`/admin/apps?q=${appId}`);
  const row = admin.getByTestId("admin-apps").locator(`tr[data-app-id="${appId}"]`);
  await row.getByRole("button", { name: "Suspend Suspended app" }).click();
  const dialog = admin.getByRole("dialog", { name: /Suspend/ });
  await dialog.getByLabel("Reason (shown to the team)").fill("Scraping beyond the sandbox terms");
  await screenshotPage(admin, "admin-suspend-dialog");
  await dialog.getByRole("button", { name: "Suspend app" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("suspended");

  const refused = await request.get("/v1/accounts", { headers: auth });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(((await refused.json()) as { code: string }).code).toBe("app_suspended");

  await page.goto(`/dashboard/apps/${appId}`);
  await expect(page.getByTestId("suspended-alert")).toContainText("Scraping beyond the sandbox terms");

  await row.getByRole("button", { name: "Reinstate Suspended app" }).click();
  await expect(row).toContainText("active");
  expect((await request.get("/v1/accounts", { headers: auth })).status()).toBe(200);
  await adminContext.close();
});
