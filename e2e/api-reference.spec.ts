import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations, createApp, executeListAccounts, openConsole, screenshotPage, signUp } from "./helpers";

/** The server-rendered HTML of a page (what paints before any script runs), as this browser's session sees it. */
async function firstPaint(page: Page, path: string): Promise<string> {
  const html = await (await page.request.get(path)).text();
  return html.replace(/<!-- -->/g, "");
}

async function createAppFromDashboard(page: Page, name: string): Promise<{ appId: string; secret: string }> {
  await page.goto("/dashboard");
  const reveal = await createApp(page, name);
  return { appId: new URL(page.url()).pathname.split("/").pop()!, secret: await reveal.getByTestId("revealed-secret").inputValue() };
}

test("the API reference: areas on the overview, an area page's operations, Try it out with the developer's key", async ({ page }) => {
  await signUp(page);
  await createApp(page, "Reference app");

  await page.goto("/docs/api");
  const areas = page.getByTestId("api-areas");
  await expect(areas.getByRole("link", { name: /Payments/ })).toContainText("3 operations");
  await expect(page.getByTestId("api-downloads").getByRole("link", { name: "OpenAPI 3.1 (YAML)" })).toHaveAttribute(
    "href",
    "/openapi.yaml",
  );
  await areas.getByRole("link", { name: /^Accounts/ }).click();
  await page.waitForURL("**/docs/api/accounts");

  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expect(page.getByTestId("operation-list")).toContainText("/v1/accounts/{account_id}/balances");
  await expect(page.getByRole("navigation", { name: "Docs" }).first().getByRole("link", { name: "Accounts", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // Swagger UI waits for the reader's first intent (here: the pointer moves), so the page paints without it.
  await expect(page.getByRole("button", { name: "Open the console" })).toBeVisible();
  await expect(page.locator("[data-console]")).toHaveAttribute("data-console", "listening");
  await expect(page.locator(".swagger-ui")).toHaveCount(0);
  await openConsole(page);
  // Only this area's operations are in Swagger UI.
  await expect(page.locator("#operations-Accounts-listAccounts")).toBeVisible();
  await expect(page.locator("#operations-Payments-createPayment")).toHaveCount(0);

  const picker = page.getByLabel("Use one of your keys");
  await expect(picker).toBeEnabled();
  await picker.selectOption((await picker.locator("option", { hasText: "Reference app" }).getAttribute("value"))!);
  const result = await executeListAccounts(page);
  expect(result.status).toBe(200);
  expect(result.body.data!.length).toBeGreaterThan(0);
});

test("a deep link opens its operation on the area page", async ({ page }) => {
  await page.goto("/docs/api/payments#/Payments/createPayment");
  const operation = page.locator("#operations-Payments-createPayment");
  await expect(operation).toBeVisible({ timeout: 20_000 });
  await expect(operation.locator(".opblock-body")).toBeVisible();
  await expect(operation).toContainText("idempotency-key");

  // A link in the page's operation index opens that operation too.
  await page
    .getByTestId("operation-list")
    .getByRole("link", { name: /\/v1\/payments\/\{payment_id\}/ })
    .click();
  await expect(page.locator("#operations-Payments-getPayment .opblock-body")).toBeVisible();
});

test("the API reference passes axe-core's WCAG A/AA rules with the console open and an operation in Try it out", async ({ page }) => {
  await page.goto("/docs/api/accounts");
  expect(await axeViolations(page)).toEqual([]);
  // A deep link loads the console at once and opens the operation (enum parameters render as selects).
  await page.goto("/docs/api/accounts#/Accounts/listAccounts");
  const operation = page.locator("#operations-Accounts-listAccounts");
  await expect(operation.locator(".opblock-body")).toBeVisible({ timeout: 20_000 });
  await expect(operation.getByRole("button", { name: "Execute" })).toBeVisible();
  await expect(operation.locator("select").first()).toHaveAttribute("aria-label", /\(query\)$/);
  expect(await axeViolations(page)).toEqual([]);
});

test("an unknown area is a 404", async ({ page }) => {
  const response = await page.goto("/docs/api/not-an-area");
  expect(response?.status()).toBe(404);
});

test("a developer with one key is authorised with it from the first paint, on the reference's front page and every area", async ({
  page,
}) => {
  test.slow();
  await signUp(page);
  // No app yet: nothing to authorise with, and the way to get a key.
  await page.goto("/docs/api/accounts");
  await expect(page.getByTestId("credential-status")).toContainText("Not authorised");
  await expect(page.getByRole("link", { name: "Create an app" }).last()).toHaveAttribute("href", "/dashboard/apps/new");
  await screenshotPage(page, "docs-api-area-no-keys", {
    prepare: () =>
      page
        .getByTestId("credential-status")
        .evaluate((status) => window.scrollTo(0, status.getBoundingClientRect().top + window.scrollY - 120)),
  });
  await page.goto("/dashboard");
  await createApp(page, "Only app");

  // Before any script: no "Not authorised" to flash.
  const area = await firstPaint(page, "/docs/api/payments");
  expect(area).toMatch(/data-testid="credential-status"[^]*?Authorised[^]*?with <span[^>]*>Only app · Default sandbox key/);
  expect(area).not.toContain("Not authorised");
  expect(await firstPaint(page, "/docs/api")).toMatch(/data-testid="docs-key-status"[^]*?Authorised[^]*?Only app · Default sandbox key/);

  await page.goto("/docs/api/payments");
  await expect(page.getByTestId("credential-status")).toContainText("Only app · Default sandbox key");
  await expect(page.getByLabel("Use one of your keys")).toHaveValue(/^key_/);
  expect((await executeListAccountsOn(page, "/docs/api/accounts")).status).toBe(200);
});

/** executeListAccounts, from a fresh load of `path`. */
async function executeListAccountsOn(page: Page, path: string) {
  await page.goto(path);
  return executeListAccounts(page);
}

test("which key the docs start with: the app the developer came from, else their choice while it lasts, else the most recently used app", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await signUp(page);
  const older = await createAppFromDashboard(page, "Older app");
  const newer = await createAppFromDashboard(page, "Newer app");
  const status = page.getByTestId("credential-status");

  // Never used: the newest app. Then the older app is used (last use is written within ~2 s).
  await page.goto("/docs/api/accounts");
  await expect(status).toContainText("Newer app · Default sandbox key");
  expect((await page.request.get("/v1/accounts", { headers: { Authorization: `Bearer ${older.secret}` } })).status()).toBe(200);
  await expect(async () => {
    await page.goto("/docs/api/accounts");
    await expect(status).toContainText("Older app · Default sandbox key", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // "Try it in the API docs" on the newer app's page: that app, and the choice sticks once the URL is clean.
  await page.goto(`/dashboard/apps/${newer.appId}`);
  await page.getByRole("link", { name: "Or try it in the API docs" }).click();
  await page.waitForURL((url) => url.pathname === "/docs/api/accounts" && !url.searchParams.has("app"));
  await expect(status).toContainText("Newer app · Default sandbox key");
  await page.goto("/docs/api/payments");
  await expect(status).toContainText("Newer app · Default sandbox key");

  // An explicit pick outlasts reloads and areas.
  const picker = page.getByLabel("Use one of your keys");
  await picker.selectOption((await picker.locator("option", { hasText: "Older app" }).getAttribute("value"))!);
  await page.reload();
  await expect(status).toContainText("Older app · Default sandbox key");
  await page.goto("/docs/api/customers");
  await expect(status).toContainText("Older app · Default sandbox key");
  // The app page's "API docs" link names its app; the front page passes it on to the areas.
  await page.goto(`/dashboard/apps/${newer.appId}`);
  await page.getByRole("link", { name: "API docs", exact: true }).click();
  await expect(page.getByTestId("docs-key-status")).toContainText("Newer app · Default sandbox key");
  await expect(page.getByTestId("api-areas").getByRole("link", { name: /^Accounts/ })).toHaveAttribute(
    "href",
    `/docs/api/accounts?app=${newer.appId}`,
  );

  // Signing out of Try-it-out is a choice too.
  await page.goto("/docs/api/accounts");
  await page.getByRole("button", { name: "Sign out of Try-it-out" }).click();
  await page.reload();
  await expect(status).toContainText("Not authorised");
  await picker.selectOption((await picker.locator("option", { hasText: "Older app" }).getAttribute("value"))!);

  // A picked key that is revoked since is dropped: the default takes over, not a 401.
  const dashboard = await context.newPage();
  await dashboard.goto(`/dashboard/apps/${older.appId}`);
  const row = dashboard.getByTestId("keys-table").getByRole("row", { name: /Default sandbox key/ });
  await row.getByRole("button", { name: "Revoke Default sandbox key" }).click();
  await dashboard
    .getByRole("dialog", { name: /Revoke/ })
    .getByRole("button", { name: "Revoke key" })
    .click();
  await expect(row).toContainText("revoked");
  await dashboard.close();
  await page.reload();
  await expect(status).toContainText("Newer app · Default sandbox key");
  await expect(picker.locator("option", { hasText: "Older app" })).toHaveCount(0);
  expect((await executeListAccounts(page)).status).toBe(200);
});
