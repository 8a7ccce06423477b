import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations, screenshotPage, signUp } from "./helpers";

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

/** Another browser (its own cookies, another User-Agent) signed in through the form. */
async function signInElsewhere(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  // Behind a proxy that says where it came from: the sessions page shows the network, not the address.
  const context = await browser.newContext({ userAgent: FIREFOX_ON_WINDOWS, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/dashboard");
  return page;
}

test("a developer signs out their other browser from the sessions page; it is signed out at its next navigation", async ({
  page,
  browser,
}) => {
  const account = await signUp(page);
  const laptop = await signInElsewhere(browser, account);

  await page.goto("/account/sessions");
  await expect(page.getByRole("link", { name: "Sessions" })).toHaveAttribute("aria-current", "page");
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  // This browser first, marked; the other one by its User-Agent, with its network (never its address).
  await expect(rows.first()).toContainText("This device");
  await expect(rows.first()).toContainText("Chrome on Windows"); // Playwright's desktop Chrome says so
  const other = rows.nth(1);
  await expect(other).toContainText("Firefox on Windows");
  await expect(other).toContainText("203.0.113.0/24 network");
  await expect(other).not.toContainText("203.0.113.77");
  await expect(other).toContainText("Password");
  await expect(other.locator("time").first()).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await expect(page.getByText("1 other session.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-sessions");

  await other.getByRole("button", { name: /^Sign out Firefox on Windows/ }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out Firefox on Windows?" });
  await expect(dialog).toContainText("signed out at its next request");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-sessions-sign-out-dialog");
  await dialog.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(1);
  await expect(page.getByText("No other sessions.")).toBeVisible();

  // The other browser's next navigation lands on the sign-in page; its API calls are refused.
  await laptop.goto("/dashboard");
  await laptop.waitForURL(/\/signin\?callbackUrl=%2Fdashboard$/);
  expect((await laptop.request.get("/api/account")).status()).toBe(401);
  await laptop.context().close();

  // This one still works.
  await page.reload();
  await expect(rows).toHaveCount(1);
});

test("signing out from the account menu ends the session: a copy of its cookie no longer opens the dashboard", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const cookies = await page.context().cookies();
  expect(cookies.some((cookie) => cookie.name === "next-auth.session-token")).toBe(true);

  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");

  // The cookie as it was before signing out, replayed in a fresh browser.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const stolen = await replay.newPage();
  await stolen.goto("/dashboard");
  await stolen.waitForURL(/\/signin\?callbackUrl=%2Fdashboard$/);
  await replay.close();
});

test("signing out every other session at once, with the keyboard alone", async ({ page, browser }) => {
  const account = await signUp(page);
  const others = [await signInElsewhere(browser, account), await signInElsewhere(browser, account)];
  await page.goto("/account/sessions");
  await expect(page.getByTestId("session-row")).toHaveCount(3);
  // Tab to the button, Enter opens the dialog on Cancel (the safe choice), Tab reaches the confirmation, Enter confirms.
  const button = page.getByRole("button", { name: "Sign out all other sessions" });
  for (let i = 0; i < 60 && !(await button.evaluate((element) => element === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Sign out every other session?" });
  await expect(dialog).toContainText("The 2 other browsers");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Sign out 2 sessions" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  for (const other of others) {
    await other.goto("/dashboard");
    await other.waitForURL(/\/signin/);
    await other.context().close();
  }
});
