import { expect, test } from "@playwright/test";
import { axeViolations, createApp, executeListAccounts, signUp } from "./helpers";

test("the API reference: areas on the overview, an area page's operations, Try it out with the developer's key", async ({ page }) => {
  await signUp(page);
  await createApp(page, "Reference app");

  await page.goto("/docs/api");
  const areas = page.getByTestId("api-areas");
  await expect(areas.getByRole("link", { name: /Payments/ })).toContainText("3 operations");
  await expect(page.getByTestId("api-downloads").getByRole("link", { name: "OpenAPI 3.1 (YAML)" })).toHaveAttribute("href", "/openapi.yaml");
  await areas.getByRole("link", { name: /^Accounts/ }).click();
  await page.waitForURL("**/docs/api/accounts");

  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expect(page.getByTestId("operation-list")).toContainText("/v1/accounts/{account_id}/balances");
  await expect(page.getByRole("navigation", { name: "Docs" }).first().getByRole("link", { name: "Accounts", exact: true })).toHaveAttribute("aria-current", "page");
  // Swagger UI waits for the reader's first intent (here: the pointer moves), so the page paints without it.
  await expect(page.getByRole("button", { name: "Open the console" })).toBeVisible();
  await expect(page.locator(".swagger-ui")).toHaveCount(0);
  await page.mouse.move(300, 300);
  await page.mouse.move(320, 340);
  // Only this area's operations are in Swagger UI.
  await expect(page.locator("#operations-Accounts-listAccounts")).toBeVisible({ timeout: 20_000 });
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
  await page.getByTestId("operation-list").getByRole("link", { name: /\/v1\/payments\/\{payment_id\}/ }).click();
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
