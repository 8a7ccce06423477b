import { expect, test } from "./fixtures";
import { createApp, screenshotPage, signUp } from "./helpers";

test("a request id pasted into the Logs filter or the docs search opens that request", async ({ page, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Request id app");
  const secret = await reveal.getByTestId("revealed-secret").inputValue();
  const appPath = new URL(page.url()).pathname;
  const auth = { Authorization: `Bearer ${secret}` };

  const missing = await request.get("/v1/accounts/acc_missing", { headers: auth });
  expect(missing.status()).toBe(404);
  const requestId = missing.headers()["x-request-id"];
  expect(requestId).toMatch(/^req_/);
  expect((await request.get("/v1/accounts?limit=1", { headers: auth })).status()).toBe(200);

  const table = page.getByTestId("request-log-table");
  await expect(async () => {
    await page.goto(`${appPath}/logs`);
    await expect(table.getByRole("row")).toHaveCount(1 + 2, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });

  const filter = page.getByLabel("Path or request id");
  await expect(filter).toHaveAttribute("placeholder", "/v1/payments or req_…");
  await filter.fill(` ${requestId} `);
  await screenshotPage(page, "logs-request-id-search", { prepare: () => filter.scrollIntoViewIfNeeded() });
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(`**${appPath}/logs/${requestId}`);
  await expect(page.getByRole("heading", { name: /\/v1\/accounts\/acc_missing/ })).toBeVisible();

  // The docs search: the request is the one hit, and Enter opens it.
  await page.goto("/docs/guides/errors-rate-limits");
  const search = page.getByRole("combobox", { name: "Search the docs" });
  await search.fill(requestId);
  const hit = page.getByRole("option", { name: new RegExp(`Request ${requestId}`) });
  await expect(hit).toBeVisible();
  await screenshotPage(page, "docs-search-request-id");
  await search.press("Enter");
  await page.waitForURL(`**${appPath}/logs/${requestId}`);

  // An id that is no request of the user's says so.
  await page.goto("/dashboard/requests/req_0000000000000000000000");
  await expect(page.getByRole("heading", { name: "No request req_0000000000000000000000 in your apps' logs" })).toBeVisible();
});

test("the go-live evidence counts product endpoints only, as '3 endpoints (3 needed)'", async ({ page, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Evidence app");
  const secret = await reveal.getByTestId("revealed-secret").inputValue();
  const appPath = new URL(page.url()).pathname;
  const auth = { Authorization: `Bearer ${secret}` };

  const accounts = (await (await request.get("/v1/accounts?type=current&limit=1", { headers: auth })).json()) as { data: { id: string }[] };
  const accountId = accounts.data[0].id;
  expect((await request.get(`/v1/accounts/${accountId}/balances`, { headers: auth })).status()).toBe(200);
  expect((await request.get(`/v1/accounts/${accountId}/transactions?limit=2`, { headers: auth })).status()).toBe(200);
  // The sandbox's own controls answer 2xx too, but production has none: no evidence.
  expect((await request.get("/v1/sandbox/clock", { headers: auth })).status()).toBe(200);
  expect((await request.post("/v1/sandbox/webhooks/fire", { headers: auth, data: { type: "payment.completed" } })).status()).toBe(201);

  const evidence = page.getByTestId("go-live-evidence");
  await expect(async () => {
    await page.goto(`${appPath}/go-live`);
    await expect(evidence).toContainText("3 endpoints (3 needed) answered 2xx in the last 7 days", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(evidence).not.toContainText("/v1/sandbox");
  await expect(evidence).not.toContainText(" of 3 ");
  await screenshotPage(page, "go-live-evidence", { prepare: () => evidence.scrollIntoViewIfNeeded() });
});
