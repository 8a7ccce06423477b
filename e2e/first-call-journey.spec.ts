import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { GOOD_PASSWORD, screenshotPage, uniqueEmail } from "./helpers";

/** What a person does with hand and keyboard: every click is one action, and so is every field filled. */
function countActions() {
  const log: string[] = [];
  return {
    log,
    async click(locator: Locator, what: string) {
      log.push(`click ${what}`);
      await locator.click();
    },
    async fill(locator: Locator, value: string, what: string) {
      log.push(`fill ${what}`);
      await locator.fill(value);
    },
  };
}

// The promise: from the home page to a 200 in the docs in at most 10 actions, sign-up and
// app creation included, with no key pasted or picked. The count and the time are reported (time
// is not asserted: it measures this machine as much as the product).
test("a new developer gets from the home page to a first 200 in the docs in at most 10 actions, pasting and picking no key", async ({
  page,
}, testInfo) => {
  // Sign-up, an app and the docs' console in one test (and, with SCREENSHOT_DIR, 15 screenshots).
  test.slow();
  const act = countActions();
  const started = Date.now();
  await page.goto("/");

  await act.click(page.getByRole("link", { name: "Get sandbox keys" }).first(), "Get sandbox keys");
  await page.waitForURL("**/signup");
  await act.fill(page.getByLabel("Name", { exact: true }), "Ada Lovelace", "name");
  await act.fill(page.getByLabel("Work email"), uniqueEmail("journey"), "work email");
  await act.fill(page.getByLabel("Password", { exact: true }), GOOD_PASSWORD, "password");
  await act.click(page.getByRole("button", { name: "Create account" }), "Create account");
  await page.waitForURL("**/dashboard");

  await act.click(page.getByRole("link", { name: "Create app", exact: true }), "Create app");
  await page.waitForURL("**/dashboard/apps/new");
  await act.fill(page.getByLabel("Name", { exact: true }), "Journey app", "app name");
  await act.click(page.getByRole("button", { name: "Create app", exact: true }), "Create app (submit)");
  await page.waitForURL(/\/dashboard\/apps\/app_[0-9A-Za-z]+$/);

  const appPath = new URL(page.url()).pathname;
  await screenshotPage(page, "app-first-key-reveal", { fullPage: true });
  await act.click(page.getByTestId("key-reveal").getByRole("link", { name: "Try it in the API docs" }), "Try it in the API docs");
  await page.waitForURL((url) => url.pathname === "/docs/api/accounts");
  // Authorised with the new app's key, by the server: nothing was picked or pasted.
  const status = page.getByTestId("credential-status");
  await expect(status).toContainText("Authorised");
  await expect(status).toContainText("Journey app · Default sandbox key");
  await expect(page.getByLabel("Or paste a key")).toHaveValue("");

  // GET /v1/accounts is open with Try-it-out on: Execute is the next click.
  const operation = page.locator("#operations-Accounts-listAccounts");
  const execute = operation.getByRole("button", { name: "Execute" });
  await expect(execute).toBeVisible({ timeout: 20_000 });
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === "/v1/accounts" && candidate.request().method() === "GET"),
    act.click(execute, "Execute"),
  ]);
  const live = operation.locator(".live-responses-table .response");
  await expect(live.locator(".response-col_status")).toHaveText("200");
  const elapsedMs = Date.now() - started;

  // The call went with the session and the key's id, never a secret.
  const sent = await response.request().allHeaders();
  expect(sent["x-portal-key-id"]).toMatch(/^key_/);
  expect(sent.authorization).toBeUndefined();
  const body = (await response.json()) as { data: Array<{ id: string }> };
  expect(body.data.length).toBeGreaterThan(0);
  for (const account of body.data.slice(0, 3)) await expect(live.locator(".response-col_description")).toContainText(account.id);

  expect(act.log.length, act.log.join(" → ")).toBeLessThanOrEqual(10);
  const summary = `${act.log.length} actions (${act.log.join(" → ")}); first 200 after ${(elapsedMs / 1000).toFixed(1)} s`;
  testInfo.annotations.push({ type: "first call", description: summary });
  console.log(`first-call journey: ${summary}`);

  // The pages this journey shows, for the docs (only with SCREENSHOT_DIR set).
  await screenshotPage(page, "docs-api-area-first-call", {
    prepare: () =>
      operation
        .locator(".live-responses-table")
        .evaluate((table) => window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 200)),
  });
  await page.goto("/docs/api/accounts");
  await screenshotPage(page, "docs-api-area-authorised", {
    prepare: () =>
      page
        .getByTestId("credential-status")
        .evaluate((status) => window.scrollTo(0, status.getBoundingClientRect().top + window.scrollY - 120)),
  });
  await page.goto("/docs/api");
  await screenshotPage(page, "docs-api-overview-authorised", { fullPage: true });
  await page.goto(appPath);
  await screenshotPage(page, "app-overview-after-first-call", { fullPage: true });
});
