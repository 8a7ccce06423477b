import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApp, openConsole, screenshotPage, signUp } from "./helpers";

// Every page of the portal, in the production build, with the browser console watched: a
// hydration mismatch, a React warning (keys, lifecycles), any console error or an uncaught
// error in the page fails the test, named with the page it happened on.

/** What React (and Next) say when something is wrong; browser chatter that is not ours is not listed. */
const REACT_WARNING = /react|hydrat|did not match|unique "key"|UNSAFE_|componentWill|Warning:/i;

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on("console", (message) => {
    const text = message.text().slice(0, 500);
    // The browser's note on a page answered 404 on purpose (visit() checks the status).
    if (text.startsWith("Failed to load resource") && message.location().url === page.url()) return;
    if (message.type() === "error") problems.push(`console.error on ${where()}: ${text} (${message.location().url})`);
    else if (message.type() === "warning" && REACT_WARNING.test(text)) problems.push(`console.warn on ${where()}: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${where()}: ${error.message}`));
  return problems;
}

/** Loads a page and lets it hydrate and settle (data fetched after hydration included). */
async function visit(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await page.waitForLoadState("networkidle");
}

/** Every link in `scope` (a page, or a part of it) whose path starts with `prefix`, once each. */
async function linksUnder(scope: Page | Locator, prefix: string): Promise<string[]> {
  const hrefs = await scope
    .locator(`a[href^="${prefix}"]`)
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
  return [...new Set(hrefs)];
}

test("the public pages: marketing, sign-in and sign-up, every docs page, guide and API area with its console", async ({ page }) => {
  // About 40 pages, 15 of them with Swagger UI loaded: four times a test's usual time.
  test.setTimeout(test.info().timeout * 4);
  const problems = watchConsole(page);

  for (const path of [
    "/",
    "/signin",
    "/signup",
    "/docs",
    "/docs/guides",
    "/docs/changelog",
    "/docs/guides/consent-flow",
    "/docs/errors",
    "/docs/sandbox",
  ]) {
    await visit(page, path);
  }
  // The error catalogue, grouped by who answers each code (shared, portal, bank).
  await visit(page, "/docs/errors");
  await screenshotPage(page, "docs-errors");
  // A page that does not exist, and an invitation link that is not (or no longer) valid.
  await visit(page, "/no-such-page", 404);
  await visit(page, "/invites/inv_000000000000000000000000");
  await visit(page, "/docs");
  const guides = await linksUnder(page, "/docs/guides/");
  expect(guides.length).toBeGreaterThan(5);
  for (const path of guides) await visit(page, path);

  await visit(page, "/docs/api");
  const areas = await linksUnder(page.getByTestId("api-areas"), "/docs/api/");
  expect(areas.length).toBeGreaterThan(5);
  for (const path of areas) {
    await visit(page, path);
    // The console loads on the reader's first intent; then one operation is opened (parameters, responses).
    await openConsole(page);
    const first = page.locator(".swagger-ui .opblock").first();
    await expect(first).toBeVisible();
    await first.locator(".opblock-summary-control").click();
    await expect(first.locator(".opblock-body")).toBeVisible();
  }
  // The standards' references: their pages and Swagger UI over their documents.
  await visit(page, "/docs/api");
  const standards = await linksUnder(page.getByTestId("api-standards"), "/docs/api/");
  expect(standards).toEqual(["/docs/api/uk-open-banking", "/docs/api/berlin-group"]);
  for (const path of standards) {
    await visit(page, path);
    await openConsole(page);
  }

  expect(problems).toEqual([]);
});

test("a developer's pages: dashboard, new app, every tab of the app page with traffic, a webhook endpoint, teams and audit, and Try-it-out's 200", async ({
  page,
}) => {
  test.slow();
  const problems = watchConsole(page);
  const receiver = await startReceiver();
  try {
    await signUp(page);
    await visit(page, "/dashboard/apps/new");
    await visit(page, "/dashboard");
    const reveal = await createApp(page, "Console app");
    await page.waitForLoadState("networkidle");
    const appPath = new URL(page.url()).pathname;
    const appId = appPath.split("/").pop()!;
    const key = await reveal.getByTestId("revealed-secret").inputValue();

    // Traffic: successes, a client error, a persona consent; and a webhook endpoint with a delivery.
    const auth = { Authorization: `Bearer ${key}` };
    expect((await page.request.get("/v1/accounts", { headers: auth })).status()).toBe(200);
    expect((await page.request.get("/v1/accounts/acc_missing", { headers: auth })).status()).toBe(404);
    const origin = new URL(page.url()).origin;
    expect(
      (
        await page.request.post(`/api/apps/${appId}/sandbox-consents`, {
          headers: { origin },
          data: { persona: "student", permissions: ["accounts:read"] },
        })
      ).status(),
    ).toBe(201);
    await page.getByRole("button", { name: "I've stored it" }).click();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await page.getByRole("dialog", { name: "Endpoint added" }).getByRole("button", { name: "I've stored it" }).click();
    await page.waitForURL(/\/webhooks\/ep_[0-9A-Za-z]+$/);
    const endpointPath = new URL(page.url()).pathname;
    expect((await page.request.post("/v1/sandbox/webhooks/fire", { headers: auth, data: { type: "payment.completed" } })).status()).toBe(
      201,
    );
    await expect(page.getByTestId("deliveries-table").locator("tr[data-delivery-id]").first()).toContainText("Succeeded", {
      timeout: 20_000,
    });

    // Request logs are written in batches: wait until the app page lists the calls.
    await expect(async () => {
      await visit(page, appPath);
      await expect(page.getByTestId("requests-table")).toContainText("/v1/accounts", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    for (const tab of ["/logs", "/analytics", "/go-live"]) await visit(page, `${appPath}${tab}`);
    await visit(page, `${appPath}/logs`);
    const logLinks = await linksUnder(page, `${appPath}/logs/req_`);
    expect(logLinks.length).toBeGreaterThan(0);
    await visit(page, logLinks[0]);
    await visit(page, endpointPath);

    await visit(page, "/dashboard/teams");
    const teams = (await linksUnder(page, "/dashboard/teams/")).filter((path) => /^\/dashboard\/teams\/[^/]+$/.test(path));
    expect(teams.length).toBeGreaterThan(0);
    await visit(page, teams[0]);
    await visit(page, `${teams[0]}/audit`);

    // The docs with this developer's key: the front page, then Try-it-out's answer.
    await visit(page, `/docs/api?app=${appId}`);
    await visit(page, `/docs/api/accounts?app=${appId}#/Accounts/listAccounts`);
    const operation = page.locator("#operations-Accounts-listAccounts");
    await operation.getByRole("button", { name: "Execute" }).click();
    await expect(operation.locator(".live-responses-table .response .response-col_status")).toHaveText("200");
    await visit(page, "/docs/guides/quickstart");
  } finally {
    await receiver.close();
  }
  expect(problems).toEqual([]);
});

test("the admin console and the development outbox", async ({ browser }) => {
  const page = await signInAsAdmin(browser);
  const problems = watchConsole(page);
  for (const path of ["/admin", "/admin/apps", "/admin/developers", "/admin/go-live", "/admin/teams", "/dev/outbox"])
    await visit(page, path);
  expect(problems).toEqual([]);
  await page.context().close();
});

async function signInAsAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin?callbackUrl=/admin");
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password", { exact: true }).fill("Programme-Review-2026");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/admin");
  return page;
}

/** A webhook receiver on this machine that accepts every delivery. */
async function startReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200).end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
