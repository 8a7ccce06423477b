import { expect, test } from "./fixtures";
import { mkdirSync } from "node:fs";
import { createApp, executeListAccounts, signUp } from "./helpers";

// The journey of a developer who copies their key: sign up → dashboard → create an app → copy
// the key → docs (already authorised with it) → paste it anyway → Try it out → 200 with accounts
// → still the pasted key after a reload → same answer from plain HTTP.
test("a new developer makes a first call from the docs with the key they copied", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await signUp(page);
  await expect(page.getByRole("heading", { level: 1, name: "Apps" })).toBeVisible();
  await expect(page.getByText("Register your first app to get a sandbox key")).toBeVisible();

  const reveal = await createApp(page, "First call app");
  await expect(reveal).toContainText("You won't see this again");
  const revealed = await reveal.getByTestId("revealed-secret").inputValue();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  // The clipboard is granted above (and read the same way in guides.spec): the copy button must have put the key there.
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^sk_sandbox_[0-9A-Za-z]{36}$/);
  expect(key).toBe(revealed);

  // Shown once: not in the page's HTML, and gone after a reload.
  const appUrl = page.url();
  expect(appUrl).not.toContain(key);
  expect(await (await page.request.get(appUrl)).text()).not.toContain(key);

  await reveal.getByRole("link", { name: "Try it in the API docs" }).click();
  await page.waitForURL((url) => url.pathname === "/docs/api/accounts");
  // Already authorised with the app's key; a pasted key is the developer's choice, and wins.
  const status = page.getByTestId("credential-status");
  await expect(status).toContainText("First call app · Default sandbox key");
  await page.getByLabel("Or paste a key").fill(key);
  await page.getByRole("button", { name: "Authorise", exact: true }).click();
  await expect(status).toContainText("Authorised");
  await expect(status).toContainText("a pasted key");

  const first = await executeListAccounts(page);
  expect(first.status).toBe(200);
  const accountIds = first.body.data!.map((account) => account.id);
  expect(accountIds.length).toBeGreaterThan(0);
  const responseBody = page.locator("#operations-Accounts-listAccounts .live-responses-table .response .response-col_description");
  for (const id of accountIds.slice(0, 3)) await expect(responseBody).toContainText(id);

  mkdirSync("e2e/.artifacts", { recursive: true });
  // The live response at the top of the viewport, below the sticky site header.
  await page.locator("#operations-Accounts-listAccounts .live-responses-table").evaluate((table) => {
    window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 120);
  });
  await page.screenshot({ path: "e2e/.artifacts/docs-try-it-out.png" });

  await page.reload();
  await expect(status).toContainText("Authorised");
  await expect(status).toContainText("a pasted key");
  const again = await executeListAccounts(page);
  expect(again.status).toBe(200);

  const direct = await request.get("/v1/accounts", { headers: { Authorization: `Bearer ${key}` } });
  expect(direct.status()).toBe(200);
  const directIds = ((await direct.json()) as { data: Array<{ id: string }> }).data.map((account) => account.id);
  expect(directIds).toEqual(accountIds);

  // The app page no longer shows the secret, and its requests list has the calls.
  await page.goto(appUrl);
  await expect(page.getByTestId("key-reveal")).toHaveCount(0);
  await expect(page.getByTestId("requests-table").getByText("/v1/accounts").first()).toBeVisible();
});
