import { expect, test } from "./fixtures";
import { execFileSync } from "node:child_process";
import { axeViolations, createApp, screenshotPage, signUp } from "./helpers";

// A new developer signs up, creates an app and copies its key from the page, opens the Quickstart,
// copies the "list the accounts" curl sample (filled in with this portal's URL), runs it as pasted
// with the key they exported, and gets accounts; the checklist's "first successful call" ticks in
// the guide sidebar and on the app page. Then they find a guide by a word that is only in its body.
test("a new developer follows the Quickstart verbatim and the checklist ticks; search finds a guide by a body word", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page);
  const reveal = await createApp(page, "Quickstart app");
  const appUrl = page.url();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^sk_sandbox_/);

  await page.goto("/docs/guides/quickstart");
  await expect(page.getByRole("heading", { level: 1, name: "Quickstart" })).toBeVisible();
  await expect(page.getByTestId("sample-context")).toContainText("Quickstart app");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Guides");
  await expect(page.getByRole("navigation", { name: "Guides" }).getByRole("link", { name: /Next/ })).toBeVisible();

  // The sidebar shows this app's checklist, nothing done yet.
  const sidebar = page.getByTestId("docs-onboarding").filter({ visible: true });
  const sidebarBar = sidebar.getByRole("progressbar", { name: "Onboarding progress of Quickstart app" });
  await expect(sidebarBar).toHaveAttribute("aria-valuenow", "0");
  await expect(sidebar.getByTestId("docs-onboarding-next")).toContainText("Next:");

  const step = page.locator("section, article").getByRole("tabpanel").first();
  await expect(page.getByRole("tab", { name: "curl" }).first()).toHaveAttribute("aria-selected", "true");
  await step.getByRole("button", { name: "Copy curl sample" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`${new URL(page.url()).origin}/v1/accounts?limit=3`);
  expect(copied).not.toContain(key);

  // The terminal step: what the reader pastes, with the key they exported.
  const output = execFileSync("bash", ["-c", copied], { env: { ...process.env, SANDBOX_KEY: key }, encoding: "utf8" });
  const body = JSON.parse(output) as { data: Array<{ id: string }> };
  expect(body.data).toHaveLength(3);

  // Back to the tab: the sidebar asks again (logs are written in batches, so poll by refocusing).
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await expect(sidebarBar).toHaveAttribute("aria-valuenow", "1", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // Node tab by keyboard: arrow right from the selected tab.
  await page.getByRole("tab", { name: "curl" }).first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Node" }).first()).toHaveAttribute("aria-selected", "true");

  const search = page.getByRole("combobox", { name: "Search the docs" }).filter({ visible: true });
  await search.fill("uuidgen");
  const results = page.getByRole("listbox", { name: "Search results" });
  await expect(results.getByRole("option").first()).toContainText("Payments & idempotency");
  await expect(results.getByRole("option").first()).toContainText("Guide");
  await search.press("Enter");
  await page.waitForURL("**/docs/guides/payments#*");
  await expect(page.getByRole("heading", { level: 1, name: "Payments & idempotency" })).toBeVisible();

  // The sidebar links to the app page's checklist, where the same step is ticked.
  await page.getByTestId("docs-onboarding").filter({ visible: true }).getByRole("link", { name: "Open the checklist" }).click();
  await page.waitForURL(`${appUrl}#onboarding-title`);
  await expect(page.getByTestId("onboarding-step-first_successful_call")).toHaveAttribute("data-done", "true");
});

test("search finds an endpoint of the API reference, with its method and path", async ({ page }) => {
  await page.goto("/docs/guides/quickstart");
  const search = page.getByRole("combobox", { name: "Search the docs" }).filter({ visible: true });
  await search.fill("idempotency payment");
  const endpoint = page
    .getByRole("listbox", { name: "Search results" })
    .locator('[data-kind="endpoint"]')
    .filter({ hasText: "POST /v1/payments" })
    .first();
  await expect(endpoint).toContainText("Endpoint");
  await expect(endpoint).toContainText("POST /v1/payments");
  const [request] = await Promise.all([
    page.waitForRequest((candidate) => new URL(candidate.url()).pathname.startsWith("/docs/api/payments")),
    endpoint.click(),
  ]);
  expect(new URL(request.url()).pathname).toBe("/docs/api/payments");
  expect(page.url()).toMatch(/\/docs\/api\/payments#\/Payments\/\w+$/);
});

test("signed-out readers see a sign-up prompt in the guide sidebar; the changelog lists dated releases with a feed", async ({
  page,
  request,
}) => {
  await page.goto("/docs/guides/quickstart");
  const prompt = page.getByTestId("docs-onboarding").filter({ visible: true });
  await expect(prompt).toContainText("Track your progress");
  await expect(prompt.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup");

  await page.getByRole("navigation", { name: "Docs" }).filter({ visible: true }).getByRole("link", { name: "Changelog" }).click();
  await page.waitForURL("**/docs/changelog");
  await expect(page.getByRole("heading", { level: 1, name: "Changelog" })).toBeVisible();
  const releases = page.locator("article[id]");
  expect(await releases.count()).toBeGreaterThanOrEqual(5);
  await expect(releases.first().locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
  await expect(releases.last()).toContainText("Sandbox launch");
  await expect(page.getByRole("region", { name: "Sandbox launch: Added" })).toBeVisible();

  const feed = await request.get("/docs/changelog/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain("<title>Sandbox launch</title>");
});

test("the theme toggle pins light or dark across pages and reloads, with no flash, and goes back to the system", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/docs/guides/quickstart");
  const theme = page.getByRole("banner").getByRole("group", { name: "Colour theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();

  // Keyboard: focus the checked radio, arrow to the next one (Light), then Dark.
  await theme.getByRole("radio", { name: "System" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await background()).not.toBe(light);
  const dark = await background();

  // Another page, and a reload: the inline script pins the theme before the first paint.
  await page.goto("/docs/changelog");
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await expect(page.getByRole("banner").getByRole("group", { name: "Colour theme" }).getByRole("radio", { name: "Dark" })).toBeChecked();
  expect(await background()).toBe(dark);
  await page.goto("/docs/api");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await background()).toBe(dark);

  await page.getByRole("banner").getByRole("group", { name: "Colour theme" }).getByTitle("System").click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await background()).toBe(light);
  await page.reload();
  expect(await background()).toBe(light);
});

test("the guides, changelog and theme toggle pass axe-core's WCAG A/AA rules in light and dark", async ({ page }) => {
  // Nine pages in two schemes, three more on a phone, each a full axe run.
  test.setTimeout(test.info().timeout * 4);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of [
      "/docs/guides/quickstart",
      "/docs/guides/errors-rate-limits",
      "/docs/guides/openid-connect-fapi",
      "/docs/guides/uk-open-banking",
      "/docs/guides/berlin-group",
    ]) {
      await page.goto(path);
      await page.getByRole("combobox", { name: "Search the docs" }).filter({ visible: true }).fill("refresh");
      await expect(page.getByRole("listbox", { name: "Search results" })).toBeVisible();
      expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
    }
    await page.goto("/docs/changelog");
    expect(await axeViolations(page), `/docs/changelog (${colorScheme})`).toEqual([]);
  }
  // On a phone the guides' wide tables scroll sideways: a keyboard must reach them too.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of ["/docs/guides/uk-open-banking", "/docs/guides/berlin-group", "/docs/guides/webhooks"]) {
      await page.goto(path);
      expect(await axeViolations(page), `${path} (phone, ${colorScheme})`).toEqual([]);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/docs/guides/berlin-group");
  await screenshotPage(page, "guide-berlin-group-headers", {
    prepare: () =>
      page.locator("#headers").evaluate((heading) => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 80)),
  });
  await page.goto("/docs/guides/openid-connect-fapi");
  await screenshotPage(page, "guide-openid-connect-fapi");
  await page.goto("/docs/guides/openid-connect-fapi#dpop");
  await screenshotPage(page, "guide-openid-connect-fapi-dpop");
  // The pinned themes (toggle, not the system setting), with search results showing endpoints.
  await page.emulateMedia({ colorScheme: "light" });
  for (const theme of ["Dark", "Light"]) {
    await page.goto("/docs/guides/quickstart");
    await page.getByRole("banner").getByRole("group", { name: "Colour theme" }).getByTitle(theme).click();
    await page.getByRole("combobox", { name: "Search the docs" }).filter({ visible: true }).fill("payment");
    await expect(page.getByRole("listbox", { name: "Search results" }).locator('[data-kind="endpoint"]').first()).toBeVisible();
    expect(await axeViolations(page), `quickstart, ${theme} pinned`).toEqual([]);
  }
});

test("signed in, the consent-flow guide is a guide with this app's client id, and the Node tabs install the typed client from this portal", async ({
  page,
}) => {
  await signUp(page);
  await createApp(page, "Budget app");
  const origin = new URL(page.url()).origin;

  await page.goto("/docs/consent-flow");
  await page.waitForURL("**/docs/guides/consent-flow");
  await expect(page.getByRole("heading", { level: 1, name: "Consent flow (OAuth + PKCE)" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Guides");
  const context = page.getByTestId("sample-context");
  await expect(context).toContainText("Budget app");
  const clientId = (await context.locator("code").nth(1).textContent())!.trim();
  expect(clientId).toMatch(/^cli_/);
  await expect(
    page
      .locator("pre")
      .filter({ hasText: `client_id=${clientId}` })
      .first(),
  ).toBeVisible();
  // Under Guides in the sidebar, as the current page; not under Reference.
  const docsNav = page.getByRole("navigation", { name: "Docs" }).filter({ visible: true });
  await expect(docsNav.getByRole("list", { name: "Guides" }).getByRole("link", { name: "Consent flow (OAuth + PKCE)" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(docsNav.getByRole("list", { name: "Reference" }).getByRole("link", { name: /Consent flow/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download it" })).toHaveAttribute("href", "/downloads/oauth-sample-app.tar.gz");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `consent-flow (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await screenshotPage(page, "guide-consent-flow");
  await page.locator(`[id="9-run-the-sample-app"]`).scrollIntoViewIfNeeded();
  await screenshotPage(page, "guide-consent-flow-sample-app", {
    prepare: () =>
      page
        .locator(`[id="9-run-the-sample-app"]`)
        .evaluate((heading) => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 80)),
  });

  await page.goto("/docs/guides/quickstart");
  await expect(page.getByText(`npm install ${origin}/sdk/openbank-sandbox-client-`).first()).toBeVisible();
  await page.getByRole("tab", { name: "Node" }).first().click();
  const install = page.getByTestId("node-install").filter({ visible: true }).first();
  await expect(install).toContainText(`npm install ${origin}/sdk/openbank-sandbox-client-`);
  await screenshotPage(page, "guide-quickstart", { fullPage: true });
  await screenshotPage(page, "guide-quickstart-node-tab", {
    prepare: () =>
      page
        .locator(`[id="4-list-the-accounts"]`)
        .evaluate((heading) => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 80)),
  });
});

test("signed in, the guide sidebar's onboarding box passes axe-core in light and dark", async ({ page }) => {
  await signUp(page);
  await createApp(page, "First app");
  await page.goto("/dashboard");
  await createApp(page, "Second app");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/docs/guides/quickstart");
    const box = page.getByTestId("docs-onboarding").filter({ visible: true });
    // Two apps: a switcher, and the choice sticks.
    await box.getByLabel("App", { exact: true }).selectOption({ label: "First app" });
    await expect(box.getByRole("progressbar", { name: "Onboarding progress of First app" })).toBeVisible();
    expect(await axeViolations(page), `sidebar onboarding (${colorScheme})`).toEqual([]);
  }
  await page.reload();
  await expect(
    page.getByTestId("docs-onboarding").filter({ visible: true }).getByRole("progressbar", { name: "Onboarding progress of First app" }),
  ).toBeVisible();
});
